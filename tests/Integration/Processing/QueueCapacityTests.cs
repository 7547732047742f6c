using System.Collections.Concurrent;
using Conflicto.Tests.Integration.Infrastructure;

namespace Conflicto.Tests.Integration.Processing;

/// <summary>A queue of one and a single worker: offers that find the queue full are dropped, and the sweeper brings every job back.</summary>
public sealed class QueueCapacityTests(QueueCapacityTests.Factory factory) : IClassFixture<QueueCapacityTests.Factory>
{
    public sealed class Factory() : ProcessingApiFactory(new Dictionary<string, string>
    {
        ["Processing:Capacity"] = "1",
        ["Processing:Workers"] = "1",
        ["Processing:SweepIntervalMs"] = "50",
    });

    private const int Jobs = 100;

    [Fact]
    public async Task HundredJobs_QueueCapacityOne_NoneLost_EachCompletedExactlyOnce()
    {
        var api = factory.Api();
        var sessions = new[] { await api.CreateSessionAsync("A"), await api.CreateSessionAsync("B"), await api.CreateSessionAsync("C") };
        var ids = new ConcurrentBag<Guid>();

        await Parallel.ForEachAsync(Enumerable.Range(0, Jobs), new ParallelOptions { MaxDegreeOfParallelism = 12 }, async (i, _) =>
            ids.Add(await api.CreateActivityAsync(sessions[i % sessions.Length], "poll", new { question = $"Question {i}?", options = new[] { "A", "B" } })));

        await ProcessingTesting.WaitUntilAsync(async () => await ProcessingTesting.ScalarAsync<long>(factory.ConnectionString,
            "select count(*) from activities where processing_status = 'completed'") == Jobs, "all activities to be analysed", TimeSpan.FromSeconds(60));
        var jobs = await ProcessingTesting.JobsAsync(factory.ConnectionString);
        Assert.Equal(Jobs, jobs.Count);
        Assert.Equal(ids.Order(), jobs.Select(j => j.SubjectId).Order());
        Assert.All(jobs, j => Assert.Equal(("completed", 1), (j.Status, j.Attempts)));
        Assert.Equal(Jobs, await ProcessingTesting.ScalarAsync<long>(factory.ConnectionString,
            "select count(*) from activities where schema_render is not null and processed_at is not null"));

        var ready = (await api.GetJsonAsync("/api/v1/health/ready"))["processing"]!;
        Assert.Equal(1, ready["queue_capacity"]!.GetValue<int>());
        Assert.True(ready["queue_dropped"]!.GetValue<long>() > 0, $"Expected offers to a full queue (rescued by the sweeper): {ready.ToJsonString()}");
        Assert.Equal(0, ready["pending"]!.GetValue<int>());
        Assert.Equal(0, ready["failed"]!.GetValue<int>());
    }
}

using System.Collections.Concurrent;
using Conflicto.Tests.Integration.Infrastructure;

namespace Conflicto.Tests.Integration.Processing;

/// <summary>Two real server processes sharing one database both process jobs, and never the same one twice.</summary>
public sealed class TwoNodeProcessingTests : IAsyncLifetime
{
    private static readonly Dictionary<string, string> Settings = new()
    {
        ["Processing:Enabled"] = "true",
        ["Processing:Workers"] = "2",
        ["Processing:SweepIntervalMs"] = "100",
        ["Processing:RetryBaseDelayMs"] = "50",
        ["Processing:RetryMaxDelayMs"] = "200",
    };

    private const int Activities = 60;

    private string _database = "";
    private ServerProcess? _nodeA;
    private ServerProcess? _nodeB;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync("conflicto_proc_nodes");
        // One after the other: the first applies the migrations.
        _nodeA = await ServerProcess.StartAsync(_database, null, Settings);
        _nodeB = await ServerProcess.StartAsync(_database, null, Settings);
    }

    public async Task DisposeAsync()
    {
        if (_nodeA is not null) await _nodeA.DisposeAsync();
        if (_nodeB is not null) await _nodeB.DisposeAsync();
        await TestDatabase.DropAsync(_database);
    }

    [Fact]
    public async Task TwoNodes_SixtyActivitiesCreatedThroughBoth_EachJobClaimedAndCompletedOnce()
    {
        var apis = new[] { Api(_nodeA!), Api(_nodeB!) };
        var sessions = new[] { await apis[0].CreateSessionAsync("A"), await apis[1].CreateSessionAsync("B"), await apis[0].CreateSessionAsync("C") };
        var ids = new ConcurrentBag<Guid>();

        await Parallel.ForEachAsync(Enumerable.Range(0, Activities), new ParallelOptions { MaxDegreeOfParallelism = 6 }, async (i, _) =>
            ids.Add(await apis[i % 2].CreateActivityAsync(sessions[i % sessions.Length], "word_cloud", new { prompt = $"Word {i}" })));

        await ProcessingTesting.WaitUntilAsync(async () => await ProcessingTesting.ScalarAsync<long>(_database,
            "select count(*) from activities where processing_status = 'completed'") == Activities,
            "all activities to be analysed", TimeSpan.FromSeconds(60));
        var jobs = await ProcessingTesting.JobsAsync(_database);
        Assert.Equal(ids.Order(), jobs.Select(j => j.SubjectId).Order());
        Assert.All(jobs, j => Assert.Equal(("completed", 1, (string?)null), (j.Status, j.Attempts, j.Error)));
        // Both nodes did work (each is offered the jobs created through it first), so the claims really competed.
        Assert.Equal(2, jobs.Select(j => j.ClaimedBy).Distinct().Count());
        var events = await ProcessingTesting.ScalarAsync<long>(_database,
            "select count(*) from session_events where type = 'activity.processing' and data ->> 'processing_status' = 'processing'");
        Assert.Equal(Activities, events);
    }

    private static Api Api(ServerProcess node) => new(new HttpClient { BaseAddress = new Uri(node.BaseUrl) });
}

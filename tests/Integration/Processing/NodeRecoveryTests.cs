using Conflicto.Processing.Analysis;
using Conflicto.Tests.Integration.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Conflicto.Tests.Integration.Processing;

/// <summary>
/// A node that dies or stops mid-job: another node on the same database finishes the job, once.
/// Nodes here are test servers started and stopped by the tests themselves.
/// </summary>
public sealed class NodeRecoveryTests
{
    private static readonly Dictionary<string, string> NotProcessing = new() { ["Processing:Enabled"] = "false" };

    private static async Task<(Api.Session Session, Guid Activity)> CreateOnIdleNodeAsync(string database)
    {
        var idle = await ProcessingApiFactory.StartAsync(NotProcessing, database);
        try
        {
            var api = idle.Api();
            var session = await api.CreateSessionAsync("Recovery");
            return (session, await api.CreateActivityAsync(session, "poll", new { question = "Recovered?", options = new[] { "A", "B" } }));
        }
        finally
        {
            await idle.StopAsync();
        }
    }

    private static async Task<IReadOnlyList<string?>> StatusesAsync(string database, int sessionId, Guid activity) =>
        (await ProcessingTesting.StoredEventsAsync(database, sessionId, "activity.processing", activity))
            .Select(e => e.GetProperty("processing_status").GetString()).ToList();

    [Fact]
    public async Task JobClaimedByANodeThatDied_ReclaimedAfterTheLease_CompletesExactlyOnce()
    {
        var database = await TestDatabase.CreateAsync("conflicto_proc");
        try
        {
            var (session, activity) = await CreateOnIdleNodeAsync(database);
            // A node claims the job and dies: its claim stays behind, with a lease that runs out.
            Assert.Equal(1, await ProcessingTesting.ExecuteAsync(database, """
                update processing_jobs set status = 'processing', attempts = attempts + 1, claimed_by = 'dead-node',
                    started_at = now(), lease_until = now() + interval '2 seconds'
                where subject_id = @activity and status = 'pending'
                """, new { activity }));
            await ProcessingTesting.ExecuteAsync(database, "update activities set processing_status = 'processing' where id = @activity", new { activity });

            var node = await ProcessingApiFactory.StartAsync(database: database);
            try
            {
                var processing = await node.Api().WaitForStatusAsync(activity, "completed", adminCode: session.AdminCode);
                Assert.NotNull(processing["schema_render"]);
                Assert.Equal(2, processing["attempts"]!.GetValue<int>());
            }
            finally
            {
                await node.StopAsync();
            }

            var job = Assert.Single(await ProcessingTesting.JobsAsync(database), j => j.SubjectId == activity);
            Assert.Equal(("completed", 2), (job.Status, job.Attempts));
            Assert.NotEqual("dead-node", job.ClaimedBy);
            Assert.Equal(["failed", "pending", "processing", "completed"], await StatusesAsync(database, session.Id, activity));
            var reclaimed = (await ProcessingTesting.StoredEventsAsync(database, session.Id, "activity.processing", activity))[0];
            Assert.StartsWith("Lease expired", reclaimed.GetProperty("error").GetString());
        }
        finally
        {
            await TestDatabase.DropAsync(database);
        }
    }

    [Theory]
    [InlineData(5)]
    [InlineData(1)] // the interrupted attempt was the last one: an interruption is not the job's failure
    public async Task NodeStoppedMidJob_ReleasesTheJobToPending_NextNodeCompletesItExactlyOnce(int maxAttempts)
    {
        var hanging = new ScriptedAnalyzer();
        // A short drain: the hanging job gets a second to finish, then is released.
        var settings = new Dictionary<string, string> { ["Processing:MaxAttempts"] = $"{maxAttempts}", ["Shutdown:DrainSeconds"] = "2" };
        var first = await ProcessingApiFactory.StartAsync(settings, services: s => s.AddSingleton<IActivityAnalyzer>(hanging));
        first.KeepDatabase = true;
        var database = first.ConnectionString;
        try
        {
            var api = first.Api();
            var session = await api.CreateSessionAsync("Interrupted");
            var title = ProcessingTesting.UniqueTitle("Hanging");
            hanging.HoldFor(title); // never released: the attempt ends only when the node stops
            var activity = await api.CreateActivityAsync(session, "star_rating", new { min = 1, max = 5, prompt = title }, title);
            await api.WaitForStatusAsync(activity, "processing");
            await ProcessingTesting.WaitUntilAsync(() => Task.FromResult(hanging.Calls(title) == 1), "the analyzer to be running");

            await first.StopAsync();

            var released = Assert.Single(await ProcessingTesting.JobsAsync(database), j => j.SubjectId == activity);
            Assert.Equal(("pending", 0, null), (released.Status, released.Attempts, released.ClaimedBy));
            Assert.StartsWith("Released", released.Error);

            var second = await ProcessingApiFactory.StartAsync(settings, database);
            try
            {
                var processing = await second.Api().WaitForStatusAsync(activity, "completed", adminCode: session.AdminCode);
                Assert.Equal("scale", processing["schema_render"]!["participant"]!["widget"]!.GetValue<string>());
            }
            finally
            {
                await second.StopAsync();
            }

            var job = Assert.Single(await ProcessingTesting.JobsAsync(database), j => j.SubjectId == activity);
            Assert.Equal((released.Id, "completed", 1), (job.Id, job.Status, job.Attempts));
            Assert.Equal(["processing", "pending", "processing", "completed"], await StatusesAsync(database, session.Id, activity));
        }
        finally
        {
            await TestDatabase.DropAsync(database);
        }
    }

    [Fact]
    public async Task Restart_JobsQueuedWhileNoNodeProcessed_AllComplete()
    {
        var database = await TestDatabase.CreateAsync("conflicto_proc");
        try
        {
            var idle = await ProcessingApiFactory.StartAsync(NotProcessing, database);
            var api = idle.Api();
            var session = await api.CreateSessionAsync("Backlog");
            for (var i = 0; i < 5; i++) await api.CreateActivityAsync(session, "qa", new { topic = $"Backlog {i}" });
            await idle.StopAsync();
            Assert.Equal(5, await ProcessingTesting.ScalarAsync<long>(database, "select count(*) from processing_jobs where status = 'pending'"));

            var node = await ProcessingApiFactory.StartAsync(database: database);
            try
            {
                await ProcessingTesting.WaitUntilAsync(async () => await ProcessingTesting.ScalarAsync<long>(database,
                    "select count(*) from activities where processing_status = 'completed'") == 5, "the backlog to be analysed");
            }
            finally
            {
                await node.StopAsync();
            }
            Assert.All(await ProcessingTesting.JobsAsync(database), j => Assert.Equal(("completed", 1), (j.Status, j.Attempts)));
        }
        finally
        {
            await TestDatabase.DropAsync(database);
        }
    }
}

using System.Net;
using Conflicto.Tests.Integration.Processing;

namespace Conflicto.Tests.Integration.Workflows;

/// <summary>
/// A callback after the deadline counts for nothing even before the sweeper has failed the attempt:
/// the lease itself decides. The sweeper is slowed down so only the lease rule can refuse it.
/// </summary>
public sealed class WorkflowLeaseTests
{
    [Fact]
    public async Task CallbackAfterTheLeaseExpired_NotYetSwept_410_NothingChanges()
    {
        await using var workflow = await FakeWorkflowServer.StartAsync();
        var factory = await ProcessingApiFactory.StartAsync(new Dictionary<string, string>
        {
            ["Processing:SweepIntervalMs"] = "600000",
            ["Processing:Workflow:Url"] = workflow.Url.ToString(),
            ["Processing:Workflow:CallbackBaseUrl"] = "http://localhost",
            ["Processing:Workflow:Kinds"] = "activity_analysis",
            ["Processing:Workflow:CallbackTimeoutSeconds"] = "2",
            ["Processing:Workflow:RequestTimeoutSeconds"] = "1",
        });
        try
        {
            var api = factory.Api();
            var marker = ProcessingTesting.UniqueTitle("Workflow lease");
            var session = await api.CreateSessionAsync();
            await api.CreateActivityAsync(session, "poll", new { question = marker, options = new[] { "A", "B" } }, marker);
            var post = await workflow.WaitForPostAsync(marker);
            var db = factory.ConnectionString;
            await ProcessingTesting.WaitUntilAsync(async () => await ProcessingTesting.ScalarAsync<bool>(db,
                "select lease_until < clock_timestamp() from processing_jobs where id = @id", new { id = post.JobId }), "the lease to expire");
            var before = await WorkflowTesting.StateAsync(db, post.JobId);

            using var client = factory.CreateClient();
            var late = await Infrastructure.Api.ProblemAsync(
                await post.CallBackAsync(client, WorkflowFixture.Completed(WorkflowFixture.Analysis("Too", "Late"))), HttpStatusCode.Gone);

            Assert.Contains("The deadline of attempt 1 passed", late.Str("detail"));
            Assert.Equal(before, await WorkflowTesting.StateAsync(db, post.JobId));
            Assert.StartsWith("processing", before); // not swept: the lease alone refused it
        }
        finally
        {
            await factory.StopAsync();
        }
    }
}

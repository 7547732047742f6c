using System.Net;
using Conflicto.Processing.Workflows;
using Conflicto.Tests.Integration.Infrastructure;
using Conflicto.Tests.Integration.Processing;

namespace Conflicto.Tests.Integration.Workflows;

/// <summary>
/// Callbacks that must not count: a duplicate (409), a forged or missing token (401), an unknown
/// job (404), a late one after the deadline (410) change nothing; a result that fails the expected
/// schema is a 422 and the attempt fails into the retry path instead of completing the job.
/// </summary>
[Collection(WorkflowCollection.Name)]
public sealed class WorkflowCallbackRefusalTests(WorkflowFixture fixture)
{
    private readonly Api _api = fixture.Factory.Api();
    private readonly HttpClient _client = fixture.Factory.CreateClient();
    private FakeWorkflowServer Workflow => fixture.Workflow;
    private string Db => fixture.Factory.ConnectionString;

    /// <summary>A poll whose analysis the fake takes without calling back (<paramref name="more"/> answer later attempts); returns the first post.</summary>
    private async Task<(Api.Session Session, Guid Activity, WorkflowPostRecord Post)> HandedOffAsync(string what, params FakeWorkflowReply[] more)
    {
        var marker = ProcessingTesting.UniqueTitle(what);
        Workflow.Script(marker, [FakeWorkflowReply.Accept(), .. more]);
        var session = await _api.CreateSessionAsync();
        var activity = await _api.CreateActivityAsync(session, "poll", new { question = marker, options = new[] { "A", "B" } }, marker);
        var post = await Workflow.WaitForPostAsync(marker);
        await _api.WaitForJobAsync(post.JobId, session.AdminCode,
            j => WorkflowTesting.Attempts(j) is [{ } a] && a.Str("state") == "waiting_for_callback", "the attempt to wait for its callback");
        return (session, activity, post);
    }

    [Fact]
    public async Task DuplicateCallback_409_NothingChanges()
    {
        var (session, activity, post) = await HandedOffAsync("Workflow duplicate");
        await Api.ReadAsync(await post.CallBackAsync(_client, WorkflowFixture.Completed(WorkflowFixture.Analysis("First", "Answer"))), HttpStatusCode.OK);
        var before = await WorkflowTesting.StateAsync(Db, post.JobId);

        var again = await Api.ProblemAsync(await post.CallBackAsync(_client, WorkflowFixture.Completed(WorkflowFixture.Analysis("Second", "Answer"))), HttpStatusCode.Conflict);

        Assert.Contains("already used", again.Str("detail"));
        Assert.Equal(before, await WorkflowTesting.StateAsync(Db, post.JobId));
        var render = (await _api.ProcessingAsync(activity, session.AdminCode))["schema_render"]!;
        Assert.Equal("First", render["participant"]!["options"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task ForgedOrMissingToken_401_UnknownJob_404_NothingChanges_TheRealTokenStillWorks()
    {
        var (_, _, post) = await HandedOffAsync("Workflow forged");
        var before = await WorkflowTesting.StateAsync(Db, post.JobId);
        var body = WorkflowFixture.Completed(WorkflowFixture.Analysis("Forged", "Answer"));

        await Api.ProblemAsync(await post.CallBackAsync(_client, body, token: CallbackTokens.Create().Token), HttpStatusCode.Unauthorized);
        await Api.ProblemAsync(await post.CallBackAsync(_client, body, token: "not-a-callback-token"), HttpStatusCode.Unauthorized);
        await Api.ProblemAsync(await _client.PostAsync(post.CallbackPath, System.Net.Http.Json.JsonContent.Create(body)), HttpStatusCode.Unauthorized);
        await Api.ProblemAsync(await post.CallBackAsync(_client, body, path: $"/api/v1/jobs/{Guid.NewGuid()}/callback"), HttpStatusCode.NotFound);

        Assert.Equal(before, await WorkflowTesting.StateAsync(Db, post.JobId));
        var applied = await Api.ReadAsync(await post.CallBackAsync(_client, WorkflowFixture.Completed(WorkflowFixture.Analysis("Real", "Answer"))), HttpStatusCode.OK);
        Assert.Equal("completed", applied.Str("outcome"));
        Assert.Equal("completed", applied.Str("job_status"));
    }

    [Fact]
    public async Task TokenOfAnotherJob_401()
    {
        var (_, _, first) = await HandedOffAsync("Workflow token A");
        var (_, _, second) = await HandedOffAsync("Workflow token B");
        var before = await WorkflowTesting.StateAsync(Db, second.JobId);

        await Api.ProblemAsync(await second.CallBackAsync(_client, WorkflowFixture.Completed(WorkflowFixture.Analysis("A", "B")), token: first.Token), HttpStatusCode.Unauthorized);

        Assert.Equal(before, await WorkflowTesting.StateAsync(Db, second.JobId));
    }

    [Fact]
    public async Task LateCallback_AfterTheDeadline_410_NothingChanges()
    {
        var (session, activity, first) = await HandedOffAsync("Workflow late",
            FakeWorkflowReply.Accept(_ => WorkflowFixture.Completed(WorkflowFixture.Analysis("Second", "Attempt"))));
        await _api.WaitForStatusAsync(activity, "completed"); // attempt 1 timed out, attempt 2 called back
        var before = await WorkflowTesting.StateAsync(Db, first.JobId);

        var late = await Api.ProblemAsync(await first.CallBackAsync(_client, WorkflowFixture.Completed(WorkflowFixture.Analysis("Late", "Answer"))), HttpStatusCode.Gone);

        Assert.Contains("Attempt 1 is over", late.Str("detail"));
        Assert.Equal(before, await WorkflowTesting.StateAsync(Db, first.JobId));
        var render = (await _api.ProcessingAsync(activity, session.AdminCode))["schema_render"]!;
        Assert.Equal("Second", render["participant"]!["options"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task InvalidResult_422_JobNotCompleted_AttemptFailsAndIsRetried()
    {
        var (session, activity, post) = await HandedOffAsync("Workflow invalid",
            FakeWorkflowReply.Accept(_ => WorkflowFixture.Completed(WorkflowFixture.Analysis("Valid", "Second"))));
        var invalid = ProcessingTesting.Json("""
            { "participant": { "widget": "hologram", "options": null }, "viewer": { "chart": "bar_chart" }, "response_schema_json": "{\"type\": \"array\"}" }
            """);

        var problem = await Api.ProblemAsync(await post.CallBackAsync(_client, WorkflowFixture.Completed(invalid)), HttpStatusCode.UnprocessableEntity);

        var detail = problem.Str("detail")!;
        Assert.Contains("The workflow's schema analysis is invalid", detail);
        Assert.Contains("participant.widget: 'hologram' is not one of", detail);
        Assert.Contains("\"type\": \"object\"", detail);
        var done = await _api.WaitForStatusAsync(activity, "completed");
        var job = await _api.JobAsync(post.JobId, session.AdminCode);
        Assert.Equal(["invalid", "completed"], WorkflowTesting.Attempts(job).Select(a => a.Str("state")));
        Assert.Equal(2, job["attempts"]!.GetValue<int>());
        Assert.Equal("Valid", done["schema_render"]!["participant"]!["options"]![0]!.GetValue<string>());
        // The invalid result failed attempt 1 (never completed it); only attempt 2 completed the activity.
        var statuses = (await ProcessingTesting.StoredEventsAsync(Db, session.Id, "activity.processing", activity))
            .Select(e => e.GetProperty("processing_status").GetString()).ToList();
        Assert.Equal(["processing", "failed"], statuses.Take(2));
        Assert.Equal(1, statuses.Count(s => s == "completed"));
    }

    [Fact]
    public async Task MalformedEnvelope_422_NothingChanges_TokenStillValid()
    {
        var (_, _, post) = await HandedOffAsync("Workflow envelope");
        var before = await WorkflowTesting.StateAsync(Db, post.JobId);

        await Api.ProblemAsync(await post.CallBackAsync(_client, new { status = "done" }), HttpStatusCode.UnprocessableEntity);
        await Api.ProblemAsync(await post.CallBackAsync(_client, new { status = "completed" }), HttpStatusCode.UnprocessableEntity);

        Assert.Equal(before, await WorkflowTesting.StateAsync(Db, post.JobId));
        await Api.ReadAsync(await post.CallBackAsync(_client, WorkflowFixture.Completed(WorkflowFixture.Analysis("A", "B"))), HttpStatusCode.OK);
    }
}

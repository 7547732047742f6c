using System.Net;
using System.Text;
using Conflicto.Processing.Workflows;
using Conflicto.Tests.Integration.Infrastructure;
using Conflicto.Tests.Integration.Processing;
using Conflicto.Tests.Integration.Realtime;

namespace Conflicto.Tests.Integration.Workflows;

/// <summary>
/// Jobs handed to an external workflow (a real local HTTP server): posted with the subject and a
/// one-time token, completed by its callback through the same state machine (events included),
/// and retried when the workflow fails, answers the post with an error or not at all, or never calls back.
/// </summary>
[Collection(WorkflowCollection.Name)]
public sealed class WorkflowFlowTests(WorkflowFixture fixture)
{
    private readonly Api _api = fixture.Factory.Api();
    private FakeWorkflowServer Workflow => fixture.Workflow;

    [Fact]
    public async Task Analysis_PostedSignedWithoutHostOnlyKeys_CallbackCompletesIt_LiveOnTheHub()
    {
        var marker = ProcessingTesting.UniqueTitle("Workflow analysis");
        Workflow.Script(marker, FakeWorkflowReply.Accept(_ => WorkflowFixture.Completed(WorkflowFixture.Analysis("Low", "High"))));
        var session = await _api.CreateSessionAsync();
        await using var host = await fixture.Factory.JoinedAsync(session.Id, session.AdminCode);

        var activity = await _api.CreateActiveActivityAsync(session, "numeric", new { question = marker, min = 0, max = 100, correct_value = 42 }, marker);

        var done = await _api.WaitForStatusAsync(activity, "completed");
        var post = await Workflow.WaitForPostAsync(marker);
        Assert.Equal("activity_analysis", post.Kind);
        Assert.Equal(1, post.Attempt);
        Assert.Equal($"http://localhost/api/v1/jobs/{post.JobId}/callback", post.Body.GetProperty("callback_url").GetString());
        Assert.StartsWith(CallbackTokens.Prefix, post.Token);
        Assert.True(post.Body.GetProperty("deadline").GetDateTime() > DateTime.UtcNow.AddSeconds(-30));
        Assert.Contains("participant", post.Body.GetProperty("expected_result_schema").GetProperty("required").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("numeric", post.Subject.GetProperty("activity_type").GetString());
        Assert.Equal(marker, post.Subject.GetProperty("configuration").GetProperty("question").GetString());
        Assert.False(post.Subject.GetProperty("configuration").TryGetProperty("correct_value", out _), "the workflow must not see host-only keys");
        Assert.True(WorkflowSignature.Verify(WorkflowFixture.Secret, long.Parse(post.Timestamp), post.Raw, post.Signature), $"bad signature {post.Signature}");
        Assert.Equal(HttpStatusCode.OK, (await post.CallbackAnswer.Task.WaitAsync(ProcessingTesting.Deadline)).StatusCode);

        var render = done["schema_render"]!;
        Assert.Equal("workflow", render.Str("analyzer"));
        Assert.Equal(["Low", "High"], render["participant"]!["options"]!.AsArray().Select(o => o!.GetValue<string>()));
        Assert.Equal("object", render["response_schema"].Str("type"));
        await ProcessingTesting.WaitUntilAsync(
            () => Task.FromResult(host.ProcessingStatuses("activity.processing", activity).Contains("completed")), "the completed event on the hub");
        Assert.Equal(["processing", "completed"], host.ProcessingStatuses("activity.processing", activity));

        var job = await _api.JobAsync(post.JobId, session.AdminCode);
        Assert.Equal("completed", job.Str("status"));
        var attempt = Assert.Single(WorkflowTesting.Attempts(job))!;
        Assert.Equal("completed", attempt.Str("state"));
        Assert.Equal(202, attempt["http_status"]!.GetValue<int>());
        Assert.Equal("completed", attempt.Str("callback_status"));
        Assert.NotNull(attempt["callback_at"]);
    }

    [Fact]
    public async Task Enrichment_PostsTheText_CallbackSetsEnrichmentAndVerdict()
    {
        var marker = ProcessingTesting.UniqueTitle("Workflow question");
        Workflow.Script(marker, FakeWorkflowReply.Accept(_ => WorkflowFixture.Completed(WorkflowFixture.Enrichment("Tidied by the workflow"))));
        var session = await _api.CreateSessionAsync();
        var participant = await _api.JoinAsync(session, "Asker");
        var qa = await _api.CreateActiveActivityAsync(session, "qa", new { topic = "Ask" });
        await using var host = await fixture.Factory.JoinedAsync(session.Id, session.AdminCode);

        var created = await Api.ReadAsync(await _api.SubmitAsync(participant, qa, new { question = marker }), HttpStatusCode.Created);
        var response = Guid.Parse(created["id"]!.GetValue<string>());

        var post = await Workflow.WaitForPostAsync(marker);
        Assert.Equal("response_enrichment", post.Kind);
        Assert.Equal(marker, post.Subject.GetProperty("text").GetString());
        Assert.Equal("qa", post.Subject.GetProperty("activity_type").GetString());
        await ProcessingTesting.WaitUntilAsync(
            () => Task.FromResult(host.ProcessingStatuses("response.processing", response).Contains("completed")), "the enrichment's completed event");
        Assert.Equal("flag|flagged by the workflow|workflow|Tidied by the workflow", await ProcessingTesting.ScalarAsync<string>(fixture.Factory.ConnectionString,
            "select concat_ws('|', moderation_verdict, moderation_reason, enrichment ->> 'enricher', enrichment ->> 'normalized_text') from user_responses where id = @response",
            new { response }));
    }

    [Fact]
    public async Task WorkflowReportsFailure_AttemptFails_SecondAttemptCompletes()
    {
        var marker = ProcessingTesting.UniqueTitle("Workflow failing");
        Workflow.Script(marker,
            FakeWorkflowReply.Accept(_ => new { status = "failed", error = "model overloaded" }),
            FakeWorkflowReply.Accept(_ => WorkflowFixture.Completed(WorkflowFixture.Analysis("A", "B"))));
        var session = await _api.CreateSessionAsync();

        var activity = await _api.CreateActivityAsync(session, "poll", new { question = marker, options = new[] { "A", "B" } }, marker);

        var first = await Workflow.WaitForPostAsync(marker);
        var answer = await Api.ReadAsync(await first.CallbackAnswer.Task.WaitAsync(ProcessingTesting.Deadline), HttpStatusCode.OK);
        Assert.Equal("failed", answer.Str("outcome"));
        await _api.WaitForStatusAsync(activity, "completed");
        var job = await _api.JobAsync(first.JobId, session.AdminCode);
        Assert.Equal(2, job["attempts"]!.GetValue<int>());
        var attempts = WorkflowTesting.Attempts(job);
        Assert.Equal(["failed", "completed"], attempts.Select(a => a.Str("state")));
        Assert.Equal("The workflow reported a failure: model overloaded", attempts[0].Str("detail"));
    }

    [Fact]
    public async Task PostAnswered500_IsAFailedAttempt_Retried()
    {
        var marker = ProcessingTesting.UniqueTitle("Workflow 500");
        Workflow.Script(marker,
            new FakeWorkflowReply(500),
            FakeWorkflowReply.Accept(_ => WorkflowFixture.Completed(WorkflowFixture.Analysis("A", "B"))));
        var session = await _api.CreateSessionAsync();

        var activity = await _api.CreateActivityAsync(session, "poll", new { question = marker, options = new[] { "A", "B" } }, marker);

        await _api.WaitForStatusAsync(activity, "completed");
        var job = await _api.JobAsync((await Workflow.WaitForPostAsync(marker)).JobId, session.AdminCode);
        Assert.Equal(2, job["attempts"]!.GetValue<int>());
        var attempts = WorkflowTesting.Attempts(job);
        Assert.Equal("post_failed", attempts[0]!.Str("state"));
        Assert.Equal(500, attempts[0]!["http_status"]!.GetValue<int>());
        Assert.Equal("The workflow answered the post with HTTP 500.", attempts[0].Str("detail"));
        Assert.Equal("completed", attempts[1].Str("state"));
    }

    [Fact]
    public async Task PostNotAnsweredInTime_IsAFailedAttempt_Retried()
    {
        var marker = ProcessingTesting.UniqueTitle("Workflow slow post");
        Workflow.Script(marker,
            new FakeWorkflowReply(202, TimeSpan.FromSeconds(3)),
            FakeWorkflowReply.Accept(_ => WorkflowFixture.Completed(WorkflowFixture.Analysis("A", "B"))));
        var session = await _api.CreateSessionAsync();

        var activity = await _api.CreateActivityAsync(session, "poll", new { question = marker, options = new[] { "A", "B" } }, marker);

        await _api.WaitForStatusAsync(activity, "completed");
        var attempts = WorkflowTesting.Attempts(await _api.JobAsync((await Workflow.WaitForPostAsync(marker)).JobId, session.AdminCode));
        Assert.Equal(["post_failed", "completed"], attempts.Select(a => a.Str("state")));
        Assert.Equal("The workflow did not answer the post within 1 s.", attempts[0].Str("detail"));
    }

    [Fact]
    public async Task WorkflowNeverCallsBack_LeaseExpires_RetriedWithAClearError_SecondAttemptCompletes()
    {
        var marker = ProcessingTesting.UniqueTitle("Workflow silent");
        Workflow.Script(marker,
            FakeWorkflowReply.Accept(),
            FakeWorkflowReply.Accept(_ => WorkflowFixture.Completed(WorkflowFixture.Analysis("A", "B"))));
        var session = await _api.CreateSessionAsync();

        var activity = await _api.CreateActivityAsync(session, "poll", new { question = marker, options = new[] { "A", "B" } }, marker);

        var first = await Workflow.WaitForPostAsync(marker);
        var waiting = await _api.WaitForJobAsync(first.JobId, session.AdminCode,
            j => WorkflowTesting.Attempts(j) is [{ } a] && a.Str("state") == "waiting_for_callback", "the attempt to wait for its callback");
        Assert.Equal("processing", waiting.Str("status"));
        await _api.WaitForStatusAsync(activity, "completed");
        var job = await _api.JobAsync(first.JobId, session.AdminCode);
        Assert.Equal(2, job["attempts"]!.GetValue<int>());
        var attempts = WorkflowTesting.Attempts(job);
        Assert.Equal(["timed_out", "completed"], attempts.Select(a => a.Str("state")));
        Assert.StartsWith($"The workflow did not call back within {WorkflowFixture.CallbackTimeoutSeconds} s", attempts[0].Str("detail"));
        Assert.Null(attempts[0]!["callback_at"]);
    }
}

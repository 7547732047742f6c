using System.Net;
using System.Text.Json.Nodes;
using Conflicto.Tests.Integration.Infrastructure;
using Conflicto.Tests.Integration.Realtime;

namespace Conflicto.Tests.Integration.Processing;

/// <summary>An analyzer that fails: retried with backoff, ends failed with its error, and a host's retry completes it.</summary>
public sealed class FailingAnalyzerTests(FailingAnalyzerFactory factory) : IClassFixture<FailingAnalyzerFactory>
{
    private readonly Api _api = factory.Api();
    private static ScriptedAnalyzer Analyzer => FailingAnalyzerFactory.Analyzer;

    /// <summary>An activity whose title (and so configuration) is unique: the double singles it out and no cached analysis answers for it.</summary>
    private async Task<(Api.Session Session, Guid Id, string Title)> CreateAsync(Action<string> script)
    {
        var session = await _api.CreateSessionAsync();
        var title = ProcessingTesting.UniqueTitle("Flaky");
        script(title);
        var id = await _api.CreateActivityAsync(session, "star_rating", new { min = 1, max = 5, prompt = title }, title);
        return (session, id, title);
    }

    private static bool FailedForGood(JsonNode processing) =>
        ProcessingTesting.Status(processing) == "failed" && processing["next_attempt_at"] is null;

    [Fact]
    public async Task Analyzer_FailsEveryAttempt_EndsFailedWithTheError_InProcessingAndTheJobLog()
    {
        var (session, id, title) = await CreateAsync(t => Analyzer.FailFor(t));

        var processing = await _api.WaitForProcessingAsync(id, FailedForGood);

        Assert.Equal(2, processing["attempts"]!.GetValue<int>());
        Assert.Equal(2, processing["max_attempts"]!.GetValue<int>());
        Assert.Contains(ScriptedAnalyzer.Failure, processing["error"]!.GetValue<string>());
        Assert.Null(processing["schema_render"]);
        Assert.Null(processing["processed_at"]);
        Assert.Equal(2, Analyzer.Calls(title));
        var log = await _api.GetJsonAsync("/api/v1/jobs?status=failed", adminCode: session.AdminCode);
        var job = Assert.Single(log["jobs"]!.AsArray())!;
        Assert.Equal(id.ToString(), job["subject_id"]!.GetValue<string>());
        Assert.Equal(2, job["attempts"]!.GetValue<int>());
        Assert.Contains(ScriptedAnalyzer.Failure, job["error"]!.GetValue<string>());
        Assert.Null(job["result"]);
    }

    [Fact]
    public async Task Retry_AfterFinalFailure_ByTheHost_Completes()
    {
        var (session, id, title) = await CreateAsync(t => Analyzer.FailFor(t));
        var failed = await _api.WaitForProcessingAsync(id, FailedForGood);
        var url = $"/api/v1/activities/{id}/processing/retry";
        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Post, url), HttpStatusCode.Unauthorized);
        Analyzer.Heal(title);

        var accepted = await Api.ReadAsync(await _api.SendAsync(HttpMethod.Post, url, adminCode: session.AdminCode), HttpStatusCode.Accepted);
        Assert.Equal("pending", accepted["processing_status"]!.GetValue<string>());
        Assert.Equal(failed["job_id"]!.GetValue<string>(), accepted["job_id"]!.GetValue<string>());

        var processing = await _api.WaitForStatusAsync(id, "completed");
        Assert.Equal(3, processing["attempts"]!.GetValue<int>());
        Assert.Equal(3, processing["max_attempts"]!.GetValue<int>());
        Assert.Null(processing["error"]);
        Assert.Equal("scale", processing["schema_render"]!["participant"]!["widget"]!.GetValue<string>());
        var job = await _api.GetJsonAsync($"/api/v1/jobs/{accepted["job_id"]!.GetValue<string>()}", adminCode: session.AdminCode);
        Assert.Equal("completed", job["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Retry_WhileTheRetryRuns_Returns409_ThenItCompletes()
    {
        var (session, id, title) = await CreateAsync(t => Analyzer.FailFor(t));
        await _api.WaitForProcessingAsync(id, FailedForGood);
        Analyzer.Heal(title);
        using var hold = Analyzer.Hold(title);
        var url = $"/api/v1/activities/{id}/processing/retry";
        await Api.ReadAsync(await _api.SendAsync(HttpMethod.Post, url, adminCode: session.AdminCode), HttpStatusCode.Accepted);

        await _api.WaitForStatusAsync(id, "processing");
        var problem = await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Post, url, adminCode: session.AdminCode), HttpStatusCode.Conflict);
        Assert.Contains("processing", problem["detail"]!.GetValue<string>());
        hold.Dispose();

        await _api.WaitForStatusAsync(id, "completed");
    }

    [Fact]
    public async Task Retry_AfterCompletion_RunsTheAnalysisAgain()
    {
        var (session, id, title) = await CreateAsync(_ => { });
        var first = await _api.WaitForStatusAsync(id, "completed");

        var accepted = await Api.ReadAsync(await _api.SendAsync(HttpMethod.Post, $"/api/v1/activities/{id}/processing/retry",
            adminCode: session.AdminCode), HttpStatusCode.Accepted);

        Assert.NotEqual(first["job_id"]!.GetValue<string>(), accepted["job_id"]!.GetValue<string>());
        var again = await _api.WaitForProcessingAsync(id, b => ProcessingTesting.Status(b) == "completed"
            && b["job_id"]!.GetValue<string>() == accepted["job_id"]!.GetValue<string>());
        Assert.Equal(1, again["attempts"]!.GetValue<int>());
        var log = await _api.GetJsonAsync("/api/v1/jobs?status=completed", adminCode: session.AdminCode);
        Assert.Equal(2, log["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task Analyzer_FailsOnce_RetriedWithBackoff_CompletesOnTheSecondAttempt()
    {
        var session = await _api.CreateSessionAsync();
        await using var host = await factory.JoinedAsync(session.Id, session.AdminCode);
        var title = ProcessingTesting.UniqueTitle("Once");
        Analyzer.FailFor(title, 1);
        var id = await _api.CreateActivityAsync(session, "star_rating", new { min = 1, max = 5, prompt = title }, title);

        var processing = await _api.WaitForStatusAsync(id, "completed");

        Assert.Equal(2, processing["attempts"]!.GetValue<int>());
        Assert.Null(processing["error"]);
        Assert.Equal(2, Analyzer.Calls(title));
        await ProcessingTesting.WaitUntilAsync(
            () => Task.FromResult(host.ProcessingStatuses("activity.processing", id).Contains("completed")), "the completed event on the hub");
        Assert.Equal(["processing", "failed", "pending", "processing", "completed"], host.ProcessingStatuses("activity.processing", id));
        var failure = host.Events.Single(e => e.GetProperty("type").GetString() == "activity.processing"
            && e.Data().GetProperty("processing_status").GetString() == "failed").Data();
        Assert.Contains(ScriptedAnalyzer.Failure, failure.GetProperty("error").GetString());
        Assert.Equal(1, failure.GetProperty("attempts").GetInt32());
    }
}

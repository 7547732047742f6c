using System.Net;
using Conflicto.Tests.Integration.Infrastructure;

namespace Conflicto.Tests.Integration.Processing;

/// <summary>A subject that changes or goes away while its job waits or runs: stale results are dropped, never stored.</summary>
public sealed class SubjectChangeTests(FailingAnalyzerFactory factory) : IClassFixture<FailingAnalyzerFactory>
{
    private readonly Api _api = factory.Api();
    private static ScriptedAnalyzer Analyzer => FailingAnalyzerFactory.Analyzer;

    [Fact]
    public async Task ChangeConfiguration_WhileAnalysed_OldResultSkipped_NewVersionCompleted()
    {
        var session = await _api.CreateSessionAsync();
        var title = ProcessingTesting.UniqueTitle("Moving");
        using var hold = Analyzer.Hold(title);
        var id = await _api.CreateActivityAsync(session, "star_rating", new { min = 1, max = 5, prompt = title }, title);
        var running = await _api.WaitForStatusAsync(id, "processing");

        var update = await _api.SendAsync(HttpMethod.Put, $"/api/v1/activities/{id}",
            new { config = new { min = 0, max = 10, prompt = title } }, adminCode: session.AdminCode);
        await Api.ReadAsync(update, HttpStatusCode.OK);
        hold.Dispose();

        var processing = await _api.WaitForProcessingAsync(id, b => ProcessingTesting.Status(b) == "completed"
            && b["job_id"]!.GetValue<string>() != running["job_id"]!.GetValue<string>());
        Assert.Equal(10, processing["schema_render"]!["participant"]!["max"]!.GetValue<double>());
        var stale = await _api.GetJsonAsync($"/api/v1/jobs/{running["job_id"]!.GetValue<string>()}", adminCode: session.AdminCode);
        Assert.Equal("skipped", stale["status"]!.GetValue<string>());
        Assert.Null(stale["result"]);
        Assert.StartsWith("Superseded", stale["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task DeleteActivity_WhileAnalysed_JobEndsSkipped()
    {
        var session = await _api.CreateSessionAsync();
        var title = ProcessingTesting.UniqueTitle("Vanishing");
        using var hold = Analyzer.Hold(title);
        var id = await _api.CreateActivityAsync(session, "star_rating", new { min = 1, max = 5, prompt = title }, title);
        var jobId = (await _api.WaitForStatusAsync(id, "processing"))["job_id"]!.GetValue<string>();

        await Api.ReadAsync(await _api.SendAsync(HttpMethod.Delete, $"/api/v1/activities/{id}", adminCode: session.AdminCode), HttpStatusCode.NoContent);
        hold.Dispose();

        await ProcessingTesting.WaitUntilAsync(async () => (await _api.GetJsonAsync($"/api/v1/jobs/{jobId}", adminCode: session.AdminCode))["status"]!
            .GetValue<string>() == "skipped", "the job of the deleted activity to end skipped");
    }

    [Fact]
    public async Task DeleteActivity_WhileItsJobWaits_JobEndsSkipped_NotRetriedForever()
    {
        var session = await _api.CreateSessionAsync();
        var blocker = ProcessingTesting.UniqueTitle("Blocker");
        using var hold = Analyzer.Hold(blocker);
        var id = await CreateWhileWorkersAreBusyAsync(session, blocker);

        await Api.ReadAsync(await _api.SendAsync(HttpMethod.Delete, $"/api/v1/activities/{id}", adminCode: session.AdminCode), HttpStatusCode.NoContent);
        hold.Dispose();

        var jobId = await ProcessingTesting.ScalarAsync<Guid>(factory.ConnectionString, "select id from processing_jobs where subject_id = @id", new { id });
        await ProcessingTesting.WaitUntilAsync(async () => (await _api.GetJsonAsync($"/api/v1/jobs/{jobId}", adminCode: session.AdminCode))["status"]!
            .GetValue<string>() is "skipped", "the job of the deleted activity to end skipped");
    }

    /// <summary>Occupies every worker of the node with held activities titled <paramref name="blocker"/>, then creates one whose job can only wait.</summary>
    private async Task<Guid> CreateWhileWorkersAreBusyAsync(Api.Session session, string blocker)
    {
        var workers = 2; // Processing:Workers default
        for (var i = 0; i < workers; i++)
            await _api.CreateActivityAsync(session, "star_rating", new { min = 1, max = 5, prompt = $"{blocker} {i}" }, blocker);
        await ProcessingTesting.WaitUntilAsync(() => Task.FromResult(Analyzer.Calls(blocker) == workers), "every worker to be busy");
        var id = await _api.CreateActivityAsync(session, "poll", new { question = ProcessingTesting.UniqueTitle("Waiting"), options = new[] { "A", "B" } });
        Assert.Equal("pending", ProcessingTesting.Status(await _api.ProcessingAsync(id)));
        return id;
    }
}

using System.Net;
using Conflicto.Tests.Integration.Infrastructure;

namespace Conflicto.Tests.Integration.Processing;

/// <summary>The job log is the host's: their session's jobs only, with a valid filter.</summary>
public sealed class JobLogAccessTests(ProcessingFactory factory) : IClassFixture<ProcessingFactory>
{
    private readonly Api _api = factory.Api();

    private async Task<(Api.Session Session, string JobId)> AnalysedAsync()
    {
        var session = await _api.CreateSessionAsync();
        var id = await _api.CreateActivityAsync(session, "word_cloud", new { prompt = "Access" });
        var processing = await _api.WaitForStatusAsync(id, "completed");
        return (session, processing["job_id"]!.GetValue<string>());
    }

    [Fact]
    public async Task ListJobs_WithoutAdminCode_Returns401()
    {
        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Get, "/api/v1/jobs"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task ListJobs_UnknownAdminCode_Returns403()
    {
        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Get, "/api/v1/jobs", adminCode: "ZZZZZZ"), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task ListJobs_OnlyTheHostsSessionsJobs()
    {
        var (mine, jobId) = await AnalysedAsync();
        var (other, _) = await AnalysedAsync();

        var log = await _api.GetJsonAsync("/api/v1/jobs", adminCode: mine.AdminCode);

        var job = Assert.Single(log["jobs"]!.AsArray());
        Assert.Equal(jobId, job!["id"]!.GetValue<string>());
        Assert.All(log["jobs"]!.AsArray(), j => Assert.NotEqual(other.Id, j!["session_id"]!.GetValue<int>()));
    }

    [Theory]
    [InlineData("status=done")]
    [InlineData("status=COMPLETED")]
    [InlineData("limit=0")]
    [InlineData("limit=1001")]
    [InlineData("offset=-1")]
    public async Task ListJobs_BadFilter_Returns422(string query)
    {
        var session = await _api.CreateSessionAsync();
        var problem = await Api.ProblemAsync(
            await _api.SendAsync(HttpMethod.Get, $"/api/v1/jobs?{query}", adminCode: session.AdminCode), HttpStatusCode.UnprocessableEntity);
        Assert.NotNull(problem["errors"]![query.Split('=')[0]]);
    }

    [Fact]
    public async Task GetJob_WithoutAdminCode_Returns401()
    {
        var (_, jobId) = await AnalysedAsync();
        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Get, $"/api/v1/jobs/{jobId}"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task GetJob_OfAnotherSession_Returns404()
    {
        var (_, jobId) = await AnalysedAsync();
        var stranger = await _api.CreateSessionAsync();
        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Get, $"/api/v1/jobs/{jobId}", adminCode: stranger.AdminCode), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task GetJob_UnknownId_Returns404()
    {
        var session = await _api.CreateSessionAsync();
        await Api.ProblemAsync(
            await _api.SendAsync(HttpMethod.Get, $"/api/v1/jobs/{Guid.NewGuid()}", adminCode: session.AdminCode), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task GetJob_MalformedId_Returns422()
    {
        var session = await _api.CreateSessionAsync();
        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Get, "/api/v1/jobs/not-a-guid", adminCode: session.AdminCode), HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task GetProcessing_UnknownActivity_Returns404()
    {
        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Get, $"/api/v1/activities/{Guid.NewGuid()}/processing"), HttpStatusCode.NotFound);
    }
}

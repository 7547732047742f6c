using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Conflicto.Tests.Integration.Infrastructure;

namespace Conflicto.Tests.Integration.Edge;

/// <summary>Small buckets, so a handful of requests reach the limits.</summary>
public sealed class TightLimitsApiFactory() : ConfiguredApiFactory(new Dictionary<string, string>
{
    ["RateLimits:Enabled"] = "true",
    ["RateLimits:SubmissionsPerSecond"] = "1",
    ["RateLimits:SubmissionBurst"] = "2",
    ["RateLimits:PollsPerSecond"] = "1",
    ["RateLimits:PollBurst"] = "2",
});

/// <summary>415 and every 429 have the shape of every other error: problem+json with type, title, status, detail, trace_id.</summary>
public sealed class ErrorShapeTests(TightLimitsApiFactory factory) : IClassFixture<TightLimitsApiFactory>
{
    private const string TooManyRequestsType = "https://tools.ietf.org/html/rfc6585#section-4";
    private readonly Api _api = new(factory.CreateClient());

    [Fact]
    public async Task WrongContentType_Is415Problem_WithType_AndNothingIsCreated()
    {
        var before = await _api.GetJsonAsync("/api/v1/sessions/?limit=1");

        var response = await _api.Client.PostAsync("/api/v1/sessions/", new StringContent("""{"title":"Plain"}""", Encoding.UTF8, "text/plain"));

        var problem = await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType, "https://tools.ietf.org/html/rfc9110#section-15.5.16");
        Assert.Contains("application/json", problem["detail"]!.GetValue<string>());
        Assert.Equal(before["total"]!.GetValue<int>(), (await _api.GetJsonAsync("/api/v1/sessions/?limit=1"))["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task PollingOverTheLimit_Is429Problem_WithType_AndRetryAfter()
    {
        var refused = await PollUntilRefusedAsync(accept: null);

        await AssertProblemAsync(refused, HttpStatusCode.TooManyRequests, TooManyRequestsType);
        Assert.True(refused.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), $"Retry-After: {refused.Headers.RetryAfter}");
    }

    [Theory]
    [InlineData("text/html")]
    [InlineData("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")]
    [InlineData("text/plain")]
    public async Task PollingOverTheLimit_FromABrowserTab_IsStillProblemJson(string accept)
    {
        var refused = await PollUntilRefusedAsync(accept);

        await AssertProblemAsync(refused, HttpStatusCode.TooManyRequests, TooManyRequestsType);
        Assert.NotNull(refused.Headers.RetryAfter);
    }

    [Fact]
    public async Task SubmittingOverTheLimit_Is429Problem_WithType_AndRetryAfter()
    {
        var session = await _api.CreateSessionAsync();
        var cloud = await _api.CreateActiveActivityAsync(session, "word_cloud", new { prompt = "Words", max_words_per_participant = 10 });
        var ada = await _api.JoinAsync(session, "Ada");

        HttpResponseMessage? refused = null;
        for (var i = 0; i < 10 && refused is null; i++)
        {
            var response = await _api.SubmitAsync(ada, cloud, new { word = $"w{i}" });
            if (response.StatusCode == HttpStatusCode.TooManyRequests) refused = response;
        }

        Assert.NotNull(refused);
        var problem = await AssertProblemAsync(refused, HttpStatusCode.TooManyRequests, TooManyRequestsType);
        Assert.Contains("idempotency key", problem["detail"]!.GetValue<string>());
        Assert.True(refused.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), $"Retry-After: {refused.Headers.RetryAfter}");
    }

    /// <summary>Polls a session that does not exist (the address's bucket, burst 2) until refused.</summary>
    private async Task<HttpResponseMessage> PollUntilRefusedAsync(string? accept)
    {
        for (var i = 0; i < 20; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/sessions/424242/status");
            if (accept is not null) request.Headers.Accept.ParseAdd(accept);
            var response = await _api.Client.SendAsync(request);
            if (response.StatusCode == HttpStatusCode.TooManyRequests) return response;
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
        throw new Xunit.Sdk.XunitException("20 polls at a bucket of 2 per second were never refused.");
    }

    internal static async Task<JsonNode> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string type)
    {
        var problem = await Api.ProblemAsync(response, status);
        Assert.Equal(type, problem["type"]?.GetValue<string>());
        Assert.False(string.IsNullOrWhiteSpace(problem["title"]?.GetValue<string>()));
        Assert.False(string.IsNullOrWhiteSpace(problem["detail"]?.GetValue<string>()));
        Assert.False(string.IsNullOrWhiteSpace(problem["trace_id"]?.GetValue<string>()));
        return problem;
    }
}

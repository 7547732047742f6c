using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Conflicto.Tests.Integration.Infrastructure;

namespace Conflicto.Tests.Integration.Edge;

/// <summary>
/// Every kind of error the API answers is problem+json (with status and title) whatever the
/// client accepts: a browser tab, a plain-text client, an image tag, a weighted wildcard. Without
/// the any-accept writer a 422 had an empty body, a 404 was text/plain and a 429 became a 500.
/// </summary>
public sealed class ProblemShapeAcceptTests(TightLimitsApiFactory factory) : IClassFixture<TightLimitsApiFactory>
{
    private readonly Api _api = new(factory.CreateClient());

    public static readonly TheoryData<string> Accepts =
    [
        "text/html",
        "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
        "text/plain",
        "image/png",
        "application/xml",
        "*/*;q=0.1",
    ];

    [Theory, MemberData(nameof(Accepts))]
    public async Task Unauthorized401_IsProblemJson(string accept)
    {
        var session = await _api.CreateSessionAsync();
        await AssertProblemAsync(await SendAsync(HttpMethod.Put, $"/api/v1/sessions/{session.Id}", accept, Json("""{"title":"x"}""")), HttpStatusCode.Unauthorized);
    }

    [Theory, MemberData(nameof(Accepts))]
    public async Task Forbidden403_IsProblemJson(string accept)
    {
        var session = await _api.CreateSessionAsync();
        var other = await _api.CreateSessionAsync();
        await AssertProblemAsync(await SendAsync(HttpMethod.Put, $"/api/v1/sessions/{session.Id}", accept, Json("""{"title":"x"}"""), other.AdminCode), HttpStatusCode.Forbidden);
    }

    [Theory, MemberData(nameof(Accepts))]
    public async Task NotFound404_NoRoute_AndNoSession_AreProblemJson(string accept)
    {
        await AssertProblemAsync(await SendAsync(HttpMethod.Get, "/api/v1/no-such-route", accept), HttpStatusCode.NotFound);
        await AssertProblemAsync(await SendAsync(HttpMethod.Get, "/api/v1/sessions/987654321", accept), HttpStatusCode.NotFound);
    }

    [Theory, MemberData(nameof(Accepts))]
    public async Task MethodNotAllowed405_IsProblemJson(string accept)
    {
        await AssertProblemAsync(await SendAsync(HttpMethod.Delete, "/api/v1/sessions/", accept), HttpStatusCode.MethodNotAllowed);
    }

    [Theory, MemberData(nameof(Accepts))]
    public async Task PayloadTooLarge413_IsProblemJson(string accept)
    {
        var huge = Json($$"""{"title":"{{new string('a', 300 * 1024)}}"}""");
        await AssertProblemAsync(await SendAsync(HttpMethod.Post, "/api/v1/sessions/", accept, huge), HttpStatusCode.RequestEntityTooLarge);
    }

    [Theory, MemberData(nameof(Accepts))]
    public async Task UnsupportedMediaType415_IsProblemJson(string accept)
    {
        var plain = new StringContent("""{"title":"Plain"}""", Encoding.UTF8, "text/plain");
        await AssertProblemAsync(await SendAsync(HttpMethod.Post, "/api/v1/sessions/", accept, plain), HttpStatusCode.UnsupportedMediaType);
    }

    [Theory, MemberData(nameof(Accepts))]
    public async Task Unprocessable422_Validation_AndUnreadableJson_AreProblemJson(string accept)
    {
        var missingTitle = await AssertProblemAsync(await SendAsync(HttpMethod.Post, "/api/v1/sessions/", accept, Json("{}")), HttpStatusCode.UnprocessableEntity);
        Assert.NotNull(missingTitle["errors"]?["title"]);
        await AssertProblemAsync(await SendAsync(HttpMethod.Post, "/api/v1/sessions/", accept, Json("""{"title":""")), HttpStatusCode.UnprocessableEntity);
        await AssertProblemAsync(await SendAsync(HttpMethod.Get, "/api/v1/sessions/?limit=abc", accept), HttpStatusCode.UnprocessableEntity);
    }

    [Theory, MemberData(nameof(Accepts))]
    public async Task TooManyRequests429_IsProblemJson_WithRetryAfter(string accept)
    {
        HttpResponseMessage? refused = null;
        for (var i = 0; i < 20 && refused is null; i++)
        {
            var response = await SendAsync(HttpMethod.Get, "/api/v1/sessions/424242/status", accept);
            if (response.StatusCode == HttpStatusCode.TooManyRequests) refused = response;
            else await AssertProblemAsync(response, HttpStatusCode.NotFound);
        }

        Assert.NotNull(refused);
        await AssertProblemAsync(refused, HttpStatusCode.TooManyRequests);
        Assert.True(refused.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), $"Retry-After: {refused.Headers.RetryAfter}");
    }

    [Fact]
    public async Task LandingPage_StillServesHtmlToBrowsers()
    {
        var response = await SendAsync(HttpMethod.Get, "/", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, string accept, HttpContent? content = null, string? adminCode = null)
    {
        using var request = new HttpRequestMessage(method, url) { Content = content };
        request.Headers.Accept.ParseAdd(accept);
        if (adminCode is not null) request.Headers.Add("X-Admin-Code", adminCode);
        return await _api.Client.SendAsync(request);
    }

    private static async Task<JsonNode> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var problem = await Api.ProblemAsync(response, status);
        Assert.False(string.IsNullOrWhiteSpace(problem["title"]?.GetValue<string>()), problem.ToJsonString());
        return problem;
    }
}

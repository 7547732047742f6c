using System.Net;
using Conflicto.Tests.Integration.Infrastructure;

namespace Conflicto.Tests.Integration.Edge;

/// <summary>Two allowed origins (as the environment gives them, Cors__AllowedOrigins__0/1), and a tight polling limit.</summary>
public sealed class CorsApiFactory() : ConfiguredApiFactory(new Dictionary<string, string>
{
    ["Cors:AllowedOrigins:0"] = CorsTests.Spa,
    ["Cors:AllowedOrigins:1"] = "http://localhost:3000/", // a trailing slash is forgiven: browsers send origins without it
    ["RateLimits:Enabled"] = "true",
    ["RateLimits:PollsPerSecond"] = "1",
    ["RateLimits:PollBurst"] = "2",
});

/// <summary>A browser on another site (the legacy SPA) calls REST and the hub's negotiate; other sites are not let in.</summary>
public sealed class CorsTests(CorsApiFactory factory) : IClassFixture<CorsApiFactory>
{
    public const string Spa = "https://spa.example";
    private const string Stranger = "https://evil.example";
    private static readonly string[] ClientHeaders = ["content-type", "x-admin-code", "authorization", "idempotency-key", "if-none-match"];
    private readonly Api _api = new(factory.CreateClient());

    [Theory]
    [InlineData("POST", "/api/v1/sessions/")]
    [InlineData("GET", "/api/v1/sessions/1/status")]
    [InlineData("PUT", "/api/v1/activities/00000000-0000-0000-0000-000000000001")]
    [InlineData("DELETE", "/api/v1/participants/1")]
    public async Task Preflight_FromAllowedOrigin_AllowsTheMethodAndEveryHeaderClientsSend(string method, string url)
    {
        var response = await PreflightAsync(url, Spa, method, ClientHeaders);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(Spa, Single(response, "Access-Control-Allow-Origin"));
        Assert.Equal("true", Single(response, "Access-Control-Allow-Credentials"));
        Assert.Contains(method, Values(response, "Access-Control-Allow-Methods"));
        Assert.All(ClientHeaders, h => Assert.Contains(h, Values(response, "Access-Control-Allow-Headers"), StringComparer.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Preflight_FromSecondListedOrigin_IsAllowedToo()
    {
        var response = await PreflightAsync("/api/v1/sessions/", "http://localhost:3000", "POST", ["content-type"]);

        Assert.Equal("http://localhost:3000", Single(response, "Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Preflight_FromDisallowedOrigin_GetsNoCorsHeaders()
    {
        var response = await PreflightAsync("/api/v1/sessions/", Stranger, "POST", ["content-type"]);

        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.False(response.Headers.Contains("Access-Control-Allow-Credentials"));
        Assert.False(response.Headers.Contains("Access-Control-Allow-Headers"));
    }

    [Fact]
    public async Task Preflight_ForNegotiate_FromAllowedOrigin_AllowsTheSignalRClientsHeadersWithCredentials()
    {
        string[] signalRHeaders = ["authorization", "content-type", "x-requested-with", "x-signalr-user-agent"];

        var response = await PreflightAsync("/hubs/session/negotiate?negotiateVersion=1", Spa, "POST", signalRHeaders);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(Spa, Single(response, "Access-Control-Allow-Origin"));
        Assert.Equal("true", Single(response, "Access-Control-Allow-Credentials"));
        Assert.All(signalRHeaders, h => Assert.Contains(h, Values(response, "Access-Control-Allow-Headers"), StringComparer.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Preflight_ForNegotiate_FromDisallowedOrigin_GetsNoCorsHeaders()
    {
        var response = await PreflightAsync("/hubs/session/negotiate?negotiateVersion=1", Stranger, "POST", ["x-requested-with"]);

        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Negotiate_FromAllowedOrigin_AnswersWithCorsHeaders()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/hubs/session/negotiate?negotiateVersion=1");
        request.Headers.Add("Origin", Spa);
        request.Headers.Add("X-Requested-With", "XMLHttpRequest");

        var response = await _api.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Spa, Single(response, "Access-Control-Allow-Origin"));
        Assert.Equal("true", Single(response, "Access-Control-Allow-Credentials"));
        Assert.Contains("connectionToken", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Get_FromAllowedOrigin_CarriesCorsHeaders_AndExposesETag()
    {
        var session = await _api.CreateSessionAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/sessions/{session.Id}/status");
        request.Headers.Add("Origin", Spa);
        request.Headers.Add("X-Admin-Code", session.AdminCode); // its own bucket: the test is about headers, not limits

        var response = await _api.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(response.Headers.ETag);
        Assert.Equal(Spa, Single(response, "Access-Control-Allow-Origin"));
        Assert.Equal("true", Single(response, "Access-Control-Allow-Credentials"));
        var exposed = Values(response, "Access-Control-Expose-Headers");
        Assert.All(new[] { "ETag", "Retry-After", "Location" }, h => Assert.Contains(h, exposed, StringComparer.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Get_FromDisallowedOrigin_IsServed_ButWithoutCorsHeaders()
    {
        var session = await _api.CreateSessionAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/sessions/{session.Id}");
        request.Headers.Add("Origin", Stranger);

        var response = await _api.Client.SendAsync(request);

        // CORS is the browser's rule: the server answers, and the missing header tells the browser to hide it.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Preflights_AreAnsweredBeforeTheRateLimiter_AndA429StillCarriesCorsHeaders()
    {
        const string limited = "/api/v1/sessions/987654/status"; // no such session: the address's bucket (burst 2)
        var preflights = new List<HttpResponseMessage>();
        for (var i = 0; i < 6; i++) preflights.Add(await PreflightAsync(limited, Spa, "GET", ["if-none-match"]));
        Assert.All(preflights, p => Assert.Equal(HttpStatusCode.NoContent, p.StatusCode));

        HttpResponseMessage? refused = null;
        for (var i = 0; i < 10 && refused is null; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, limited);
            request.Headers.Add("Origin", Spa);
            var response = await _api.Client.SendAsync(request);
            if (response.StatusCode == HttpStatusCode.TooManyRequests) refused = response;
        }

        Assert.NotNull(refused);
        Assert.Equal(Spa, Single(refused, "Access-Control-Allow-Origin")); // so the page can read Retry-After
        Assert.NotNull(refused.Headers.RetryAfter);
    }

    private async Task<HttpResponseMessage> PreflightAsync(string url, string origin, string method, string[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, url);
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", method);
        request.Headers.Add("Access-Control-Request-Headers", string.Join(",", headers));
        return await _api.Client.SendAsync(request);
    }

    internal static string Single(HttpResponseMessage response, string header) =>
        Assert.Single(response.Headers.TryGetValues(header, out var values) ? values : []);

    internal static string[] Values(HttpResponseMessage response, string header) =>
        response.Headers.TryGetValues(header, out var values) ? values.SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries)).ToArray() : [];
}

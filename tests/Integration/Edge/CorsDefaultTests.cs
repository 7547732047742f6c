using System.Net;
using Conflicto.Tests.Integration.Infrastructure;

namespace Conflicto.Tests.Integration.Edge;

/// <summary>Without Cors:AllowedOrigins the server is same-origin only: no CORS header on any answer.</summary>
[Collection(ApiCollection.Name)]
public sealed class CorsDefaultTests(ConflictoApiFactory factory)
{
    private readonly Api _api = new(factory.CreateClient());

    [Fact]
    public async Task Get_WithOrigin_ByDefault_HasNoCorsHeaders()
    {
        var session = await _api.CreateSessionAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/sessions/{session.Id}/status");
        request.Headers.Add("Origin", "https://spa.example");

        var response = await _api.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(response.Headers, h => h.Key.StartsWith("Access-Control-", StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("/api/v1/sessions/")]
    [InlineData("/hubs/session/negotiate?negotiateVersion=1")]
    public async Task Preflight_ByDefault_IsNotGranted(string url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, url);
        request.Headers.Add("Origin", "https://spa.example");
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "content-type");

        var response = await _api.Client.SendAsync(request);

        Assert.DoesNotContain(response.Headers, h => h.Key.StartsWith("Access-Control-", StringComparison.OrdinalIgnoreCase));
    }
}

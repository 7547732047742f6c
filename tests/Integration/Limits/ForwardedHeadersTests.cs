using System.Net;
using Conflicto.Data.Sessions;
using Conflicto.Server.Infrastructure;
using Conflicto.Tests.Integration.Infrastructure;
using Conflicto.Tests.Integration.Metrics;

namespace Conflicto.Tests.Integration.Limits;

/// <summary>
/// Behind trusted proxies (one address, one network), with three wrong join codes allowed per address
/// and no refill during a test (a fixed window of ten minutes): the
/// TCP peer comes from <c>X-Test-Peer</c>, the client address from <c>X-Forwarded-For</c>.
/// </summary>
public sealed class ProxiedApiFactory() : PeerAddressApiFactory(new Dictionary<string, string>
{
    ["RateLimits:Enabled"] = "true",
    ["RateLimits:JoinCodeFailuresPerAddress"] = "3",
    ["RateLimits:CodeFailureWindowSeconds"] = "600",
    ["ForwardedHeaders:Enabled"] = "true",
    ["ForwardedHeaders:KnownProxies:0"] = ProxiedApiFactory.Proxy,
    ["ForwardedHeaders:KnownNetworks:0"] = "10.1.0.0/16",
})
{
    public const string Proxy = "192.0.2.10";
}

/// <summary>
/// <c>ForwardedHeaders</c>: the rate limits key a request on the client address a trusted proxy
/// forwards, so clients behind one proxy do not share its buckets, while a forwarded address from
/// anyone else is ignored (it would buy a fresh bucket per made-up header).
/// </summary>
public sealed class ForwardedHeadersTests(ProxiedApiFactory factory) : IClassFixture<ProxiedApiFactory>
{
    private readonly Api _api = new(factory.CreateClient());

    [Fact]
    public async Task ClientsBehindATrustedProxy_EachHaveTheirOwnBuckets()
    {
        const string first = "198.51.100.31", second = "198.51.100.32", third = "198.51.100.33";
        AssertSeparateBuckets(ProxiedApiFactory.Proxy, first, second, third);

        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.NotFound, await GuessAsync(peer: ProxiedApiFactory.Proxy, forwardedFor: first));
        Assert.Equal(HttpStatusCode.TooManyRequests, await GuessAsync(peer: ProxiedApiFactory.Proxy, forwardedFor: first));

        // The same proxy, another client: a bucket of its own, not the first client's or the proxy's.
        Assert.Equal(HttpStatusCode.NotFound, await GuessAsync(peer: ProxiedApiFactory.Proxy, forwardedFor: second));
        // A proxy in a trusted network is believed as well; it puts the client it saw last in the list.
        Assert.Equal(HttpStatusCode.NotFound, await GuessAsync(peer: "10.1.2.3", forwardedFor: $"{first}, {third}"));
    }

    [Fact]
    public async Task AnUntrustedPeersForwardedFor_IsIgnored()
    {
        const string peer = "203.0.113.40";

        // A fresh made-up client address per request: all of them count against the peer.
        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.NotFound, await GuessAsync(peer, forwardedFor: $"198.18.0.{i + 1}"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await GuessAsync(peer, forwardedFor: "198.18.0.99"));
    }

    private static void AssertSeparateBuckets(params string[] addresses) =>
        Assert.Equal(addresses.Length, addresses.Select(a => AbuseLimits.AddressKey(IPAddress.Parse(a), new RateLimitOptions().AddressBuckets)).Distinct().Count());

    /// <summary>Looks up a join code that names no session (a guess), from <paramref name="peer"/> forwarding for <paramref name="forwardedFor"/>.</summary>
    private async Task<HttpStatusCode> GuessAsync(string peer, string forwardedFor)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/sessions/code/{new string(Random.Shared.GetItems(SessionCodes.Alphabet.ToCharArray(), SessionCodes.JoinCodeLength))}");
        request.Headers.Add(PeerAddressApiFactory.PeerHeader, peer);
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        using var response = await _api.Client.SendAsync(request);
        return response.StatusCode;
    }
}

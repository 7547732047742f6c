using System.Net;
using Conflicto.Tests.Integration.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Conflicto.Tests.Integration.Metrics;

/// <summary>The test server's requests come from the address in <c>X-Test-Peer</c>, as if from that TCP peer.</summary>
public abstract class PeerAddressApiFactory(IReadOnlyDictionary<string, string> settings) : ConfiguredApiFactory(settings)
{
    public const string PeerHeader = "X-Test-Peer";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, PeerFromHeader>());
    }

    private sealed class PeerFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((http, nextMiddleware) =>
            {
                if (IPAddress.TryParse(http.Request.Headers[PeerHeader].ToString(), out var peer)) http.Connection.RemoteIpAddress = peer;
                return nextMiddleware(http);
            });
            next(app);
        };
    }
}

public sealed class InternalScrapersApiFactory() : PeerAddressApiFactory(new Dictionary<string, string>
{
    ["Metrics:AllowedNetworks:0"] = "10.0.0.0/8",
    ["Metrics:AllowedNetworks:1"] = "192.0.2.7",
});

public sealed class MetricsOffApiFactory() : ConfiguredApiFactory(new Dictionary<string, string> { ["Metrics:Enabled"] = "false" });

/// <summary><c>Metrics:AllowedNetworks</c> keeps the scrape endpoint to the listed networks; others get 403 problem+json.</summary>
public sealed class MetricsAccessTests(InternalScrapersApiFactory factory) : IClassFixture<InternalScrapersApiFactory>
{
    [Theory]
    [InlineData("10.20.30.40")]
    [InlineData("::ffff:10.1.1.1")] // an IPv4 peer seen through a dual-stack socket
    [InlineData("192.0.2.7")]
    public async Task AScraperInAnAllowedNetwork_GetsTheMetrics(string peer)
    {
        using var response = await ScrapeFromAsync(peer);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("# TYPE conflicto_hub_connections gauge", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("192.0.2.8")]
    [InlineData("203.0.113.9")]
    [InlineData("fd00::1")]
    public async Task AnyoneElse_Gets403ProblemNamingTheSetting(string peer)
    {
        using var response = await ScrapeFromAsync(peer);

        var problem = await Api.ProblemAsync(response, HttpStatusCode.Forbidden);
        Assert.Contains("Metrics:AllowedNetworks", problem["detail"]!.GetValue<string>());
        Assert.DoesNotContain("conflicto_", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TheRestOfTheApi_IsNotRestricted()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/health/live");
        request.Headers.Add(PeerAddressApiFactory.PeerHeader, "203.0.113.9");

        using var response = await factory.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private Task<HttpResponseMessage> ScrapeFromAsync(string peer)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Add(PeerAddressApiFactory.PeerHeader, peer);
        return factory.CreateClient().SendAsync(request);
    }
}

/// <summary><c>Metrics:Enabled=false</c>: no endpoint, everything else as usual.</summary>
public sealed class MetricsOffTests(MetricsOffApiFactory factory) : IClassFixture<MetricsOffApiFactory>
{
    [Fact]
    public async Task MetricsOff_HasNoScrapeEndpoint_AndTheApiStillAnswers()
    {
        var client = factory.CreateClient();

        using var scrape = await client.GetAsync("/metrics");
        var session = await new Api(client).CreateSessionAsync("Without metrics");

        Assert.Equal(HttpStatusCode.NotFound, scrape.StatusCode);
        Assert.True(session.Id > 0);
    }
}

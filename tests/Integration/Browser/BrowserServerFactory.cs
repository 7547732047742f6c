using Conflicto.Tests.Integration.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Conflicto.Tests.Integration.Browser;

/// <summary>
/// The real server on Kestrel at a free loopback port (a browser cannot reach the in-memory test
/// server), with its own database and background processing on, as a person would run it.
/// </summary>
public sealed class BrowserServerFactory : WebApplicationFactory<Program>
{
    public BrowserServerFactory(string connectionString)
    {
        ConnectionString = connectionString;
        UseKestrel(0);
    }

    public string ConnectionString { get; }

    /// <summary>The address pages are loaded from, e.g. http://127.0.0.1:41234.</summary>
    public string BaseUrl { get; private set; } = "";

    public void Start()
    {
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseUrl = addresses.First().Replace("[::]", "127.0.0.1").Replace("localhost", "127.0.0.1").TrimEnd('/');
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseUrls("http://127.0.0.1:0");
        builder.UseSetting("ConnectionStrings:Postgres", ConnectionString);
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        builder.UseSetting("RateLimits:Enabled", "false"); // several pages from one address, faster than people
        builder.UseSetting("OpenApi:ReferenceEnabled", "true"); // the interactive API reference, as in Development
        builder.UseSetting("Webhooks:AllowPrivateNetworks", "true"); // the webhook tests' receiver listens on 127.0.0.1
    }

    public static async Task<BrowserServerFactory> StartAsync()
    {
        var factory = new BrowserServerFactory(await TestDatabase.CreateAsync());
        factory.Start();
        return factory;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await TestDatabase.DropAsync(ConnectionString);
    }
}

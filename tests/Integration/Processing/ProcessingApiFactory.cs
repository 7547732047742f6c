using Conflicto.Tests.Integration.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Conflicto.Tests.Integration.Processing;

/// <summary>
/// The real server with background processing ON (the shared factories turn it off because other
/// tests count events exactly), with fast sweeps and retries so recovery happens within a test.
/// Not a <see cref="ConfiguredApiFactory"/>: a node that takes over from a stopped one must run on
/// the same database, so this one can be given an existing database (which it then keeps).
/// </summary>
public class ProcessingApiFactory(
    IReadOnlyDictionary<string, string>? settings = null, string? database = null, Action<IServiceCollection>? services = null)
    : WebApplicationFactory<Program>, IAsyncLifetime
{
    public static readonly IReadOnlyDictionary<string, string> Fast = new Dictionary<string, string>
    {
        ["Processing:Enabled"] = "true",
        ["Processing:SweepIntervalMs"] = "100",
        ["Processing:RetryBaseDelayMs"] = "50",
        ["Processing:RetryMaxDelayMs"] = "200",
    };

    public string ConnectionString { get; private set; } = database ?? "";

    /// <summary>Whether disposing leaves the database for another node (true when it was given one).</summary>
    public bool KeepDatabase { get; set; } = database is not null;

    /// <summary>A started factory, for tests that start and stop nodes themselves.</summary>
    public static async Task<ProcessingApiFactory> StartAsync(
        IReadOnlyDictionary<string, string>? settings = null, string? database = null, Action<IServiceCollection>? services = null)
    {
        var factory = new ProcessingApiFactory(settings, database, services);
        await factory.InitializeAsync();
        return factory;
    }

    public async Task InitializeAsync()
    {
        if (ConnectionString.Length == 0) ConnectionString = await TestDatabase.CreateAsync("conflicto_proc");
        _ = Server; // migrations run here, not inside the first test
    }

    public Api Api() => new(CreateClient());

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Postgres", ConnectionString);
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        foreach (var (key, value) in Fast) builder.UseSetting(key, value);
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) builder.UseSetting(key, value);
        if (services is not null) builder.ConfigureTestServices(services);
    }

    /// <summary>Stops the node (running jobs are interrupted as on a real shutdown) and drops its database unless kept.</summary>
    public async Task StopAsync()
    {
        await DisposeAsync();
        if (!KeepDatabase) await TestDatabase.DropAsync(ConnectionString);
    }

    Task IAsyncLifetime.DisposeAsync() => StopAsync();
}

/// <summary>Processing on, rule-based analyzers: the fixture of most processing tests.</summary>
public sealed class ProcessingFactory() : ProcessingApiFactory;

using Conflicto.Tests.Integration.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Serilog.Core;
using Serilog.Extensions.Logging;

namespace Conflicto.Tests.Integration.Health;

/// <summary>
/// A server whose dependencies a test can take away: it reaches its database through a
/// <see cref="TcpProxy"/> (<see cref="Database"/>, cut and restored) and Redis at a private
/// <see cref="RedisProcess"/> (<see cref="Redis"/>, stopped and started again on the same port);
/// the shared test Postgres and Redis are never touched. Processing runs (its sweeper is one of
/// the loops that must back off), back-off is capped at 2 s so recovery is quick, and the
/// server's log is captured (<see cref="Logs"/>), with the outage lines at Information.
/// </summary>
public sealed class OutageApiFactory() : ConfiguredApiFactory(new Dictionary<string, string>
{
    ["Processing:Enabled"] = "true",
    ["Processing:SweepIntervalMs"] = "500",
    ["Data:RetryAfterSeconds"] = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
    ["Data:OutageBackoffMaxSeconds"] = "2",
    ["Serilog:MinimumLevel:Override:Conflicto.Data.Infrastructure.DatabaseAvailability"] = "Information",
    ["Serilog:MinimumLevel:Override:Conflicto.Server.Realtime.RedisAvailability"] = "Information",
}), IAsyncLifetime
{
    public const int RetryAfterSeconds = 3;

    public TcpProxy Database { get; } = ProxyToTestPostgres();

    public RedisProcess Redis { get; } = new();

    public CapturedLogs Logs { get; } = new();

    async Task IAsyncLifetime.InitializeAsync()
    {
        await Redis.StartAsync();
        await InitializeAsync();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await Database.DisposeAsync();
        await Redis.DisposeAsync();
        await TestDatabase.DropAsync(ConnectionString);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        // A short connect timeout: a cut proxy refuses at once anyway, this only bounds the unlucky case.
        builder.UseSetting("ConnectionStrings:Postgres", new NpgsqlConnectionStringBuilder(ConnectionString)
        {
            Host = "127.0.0.1", Port = Database.Port, Timeout = 3,
        }.ConnectionString);
        builder.UseSetting("ConnectionStrings:Redis", Redis.ConnectionString);
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<ILogEventSink>(Logs);
            // As in HubCallsApiFactory: this host logs through its own Serilog logger, not the static one.
            services.AddSingleton<ILoggerFactory>(sp => new SerilogLoggerFactory(sp.GetRequiredService<Serilog.ILogger>()));
        });
    }

    private static TcpProxy ProxyToTestPostgres()
    {
        var admin = new NpgsqlConnectionStringBuilder(TestDatabase.AdminConnectionString);
        return new TcpProxy(admin.Host!, admin.Port);
    }
}

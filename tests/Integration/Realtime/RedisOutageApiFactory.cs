using Conflicto.Tests.Integration.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Serilog.Core;
using Serilog.Extensions.Logging;

namespace Conflicto.Tests.Integration.Realtime;

/// <summary>
/// One in-process server on a private <see cref="RedisProcess"/> that tests stop and start, its log
/// captured (<see cref="Logs"/>): the outage lines at Information, the backplane guard's at Debug.
/// </summary>
public sealed class RedisOutageApiFactory() : ConfiguredApiFactory(new Dictionary<string, string>
{
    ["Serilog:MinimumLevel:Override:Conflicto.Server.Realtime.RedisAvailability"] = "Information",
    ["Serilog:MinimumLevel:Override:Conflicto.Server.Realtime.BackplaneGuard"] = "Debug",
}), IAsyncLifetime
{
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
        await Redis.DisposeAsync();
        await TestDatabase.DropAsync(ConnectionString);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("ConnectionStrings:Redis", Redis.ConnectionString);
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<ILogEventSink>(Logs);
            // As in HubCallsApiFactory: this host logs through its own Serilog logger, not the static one.
            services.AddSingleton<ILoggerFactory>(sp => new SerilogLoggerFactory(sp.GetRequiredService<Serilog.ILogger>()));
        });
    }
}

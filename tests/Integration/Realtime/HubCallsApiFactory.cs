using Conflicto.Tests.Integration.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;

namespace Conflicto.Tests.Integration.Realtime;

/// <summary>
/// The server with its hub-call log captured (<see cref="Logs"/>, Information and up for the hub
/// filter) and revoked connections kept open for <see cref="RevokedCloseDelayMs"/>, so a test can
/// still call on one and see the 401 before it closes.
/// </summary>
public sealed class HubCallsApiFactory() : ConfiguredApiFactory(new Dictionary<string, string>
{
    ["Realtime:RevokedCloseDelayMs"] = RevokedCloseDelayMs.ToString(System.Globalization.CultureInfo.InvariantCulture),
    ["Serilog:MinimumLevel:Override:Conflicto.Server.Realtime.HubCallFilter"] = "Information",
})
{
    public const int RevokedCloseDelayMs = 4_000;

    public CapturedLogs Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<ILogEventSink>(Logs));
    }
}

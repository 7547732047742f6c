using Conflicto.Tests.Integration.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Serilog.Core;
using Serilog.Extensions.Logging;

namespace Conflicto.Tests.Integration.Realtime;

/// <summary>
/// The server with its hub-call log captured (<see cref="Logs"/>, Information and up for the hub
/// filter) and revoked connections kept open for <see cref="RevokedCloseDelayMs"/>, so a test can
/// still call on one and see the 401 before it closes. <see cref="FailOnPurpose"/> lets a test make a call fail.
/// </summary>
public sealed class HubCallsApiFactory() : ConfiguredApiFactory(new Dictionary<string, string>
{
    ["Realtime:RevokedCloseDelayMs"] = RevokedCloseDelayMs.ToString(System.Globalization.CultureInfo.InvariantCulture),
    ["Serilog:MinimumLevel:Override:Conflicto.Server.Realtime.HubCallFilter"] = "Information",
})
{
    public const int RevokedCloseDelayMs = 8_000; // generous: a loaded 2-core CI machine must fit four refused calls in it

    public CapturedLogs Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<ILogEventSink>(Logs);
            // The server's loggers write through Serilog's static Log.Logger, which the last host
            // started in this test process owns: this host logs through its own logger instead.
            services.AddSingleton<ILoggerFactory>(sp => new SerilogLoggerFactory(sp.GetRequiredService<Serilog.ILogger>()));
            services.Configure<HubOptions>(options => options.AddFilter(new FailOnPurpose())); // inside the server's own filter
        });
    }

    /// <summary>Makes <c>SetSessionStatus(Trigger)</c> fail inside the hub pipeline, as a bug would.</summary>
    public sealed class FailOnPurpose : IHubFilter
    {
        public const string Trigger = "fail-on-purpose";

        public ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocation, Func<HubInvocationContext, ValueTask<object?>> next) =>
            invocation.HubMethodName == "SetSessionStatus" && invocation.HubMethodArguments is [Trigger]
                ? throw new InvalidOperationException("Failing on purpose.")
                : next(invocation);
    }
}

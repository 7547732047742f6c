using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace Conflicto.Server.Infrastructure;

/// <summary>Serilog: readable text on a terminal, one JSON object per line when output is redirected.</summary>
public static class Logging
{
    public static Serilog.ILogger CreateBootstrapLogger() => WithSinks(Defaults(new LoggerConfiguration())).CreateLogger();

    public static WebApplicationBuilder AddConflictoLogging(this WebApplicationBuilder builder)
    {
        // Defaults first, then configuration (Serilog:MinimumLevel...) may override them.
        builder.Services.AddSerilog((services, configuration) => WithSinks(Defaults(configuration)
            .ReadFrom.Configuration(builder.Configuration)
            .ReadFrom.Services(services)));
        return builder;
    }

    /// <summary>Levels set in code, so a server started without its appsettings.json is not drowned in per-command database logs.</summary>
    private static LoggerConfiguration Defaults(LoggerConfiguration configuration) => configuration
        .MinimumLevel.Information()
        .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
        .MinimumLevel.Override("Microsoft.Hosting.Lifetime", LogEventLevel.Information)
        .MinimumLevel.Override("Npgsql", LogEventLevel.Warning)
        // The health endpoints answer what each check found, and DatabaseAvailability and
        // RedisAvailability log an outage once each way: a line per check per probe would repeat
        // them every few seconds for as long as the outage lasts.
        .MinimumLevel.Override("Microsoft.Extensions.Diagnostics.HealthChecks", LogEventLevel.Fatal)
        .MinimumLevel.Override("System", LogEventLevel.Warning);

    private static bool IsBackplaneConnectionChange(LogEvent e) =>
        e.Properties.TryGetValue("SourceContext", out var source) && source is ScalarValue { Value: "Microsoft.AspNetCore.SignalR.StackExchangeRedis.RedisHubLifetimeManager" }
        && e.Properties.TryGetValue("EventId", out var id) && id is StructureValue eventId
        && eventId.Properties.Any(p => p.Name == "Name" && p.Value is ScalarValue { Value: "ConnectionFailed" or "ConnectionRestored" });

    private static LoggerConfiguration WithSinks(LoggerConfiguration configuration)
    {
        configuration = configuration.Enrich.FromLogContext().Enrich.WithProperty("Application", "Conflicto")
            // SignalR logs every HubException at Error; ours are refusals (4xx) told to the caller, not faults.
            .Filter.ByExcluding(e => e.Exception is Microsoft.AspNetCore.SignalR.HubException)
            // The SignalR backplane logs each Redis connection failure (with a stack trace) and
            // restoration; RedisAvailability says the same once per outage.
            .Filter.ByExcluding(IsBackplaneConnectionChange);
        return Console.IsOutputRedirected
            ? configuration.WriteTo.Console(new RenderedCompactJsonFormatter())
            : configuration.WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}");
    }
}

using Serilog;
using Serilog.Formatting.Compact;

namespace Conflicto.Server.Infrastructure;

/// <summary>Serilog: readable text on a terminal, one JSON object per line when output is redirected.</summary>
public static class Logging
{
    public static Serilog.ILogger CreateBootstrapLogger() =>
        Configure(new LoggerConfiguration()).CreateLogger();

    public static WebApplicationBuilder AddConflictoLogging(this WebApplicationBuilder builder)
    {
        builder.Services.AddSerilog((services, configuration) => Configure(configuration
            .ReadFrom.Configuration(builder.Configuration)
            .ReadFrom.Services(services)));
        return builder;
    }

    private static LoggerConfiguration Configure(LoggerConfiguration configuration)
    {
        configuration = configuration.Enrich.FromLogContext().Enrich.WithProperty("Application", "Conflicto");
        return Console.IsOutputRedirected
            ? configuration.WriteTo.Console(new RenderedCompactJsonFormatter())
            : configuration.WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}");
    }
}

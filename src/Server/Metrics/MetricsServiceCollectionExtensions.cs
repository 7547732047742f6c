using Microsoft.Extensions.Options;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace Conflicto.Server.Metrics;

/// <summary>
/// OpenTelemetry metrics, scraped by Prometheus at <c>Metrics:Path</c> (<c>/metrics</c>): every
/// <c>Conflicto.*</c> meter (events, realtime, backplane, responses, processing), ASP.NET Core
/// (request duration by route, Kestrel, SignalR connections), the .NET runtime, and Npgsql's
/// connection pool. docs/operations.md lists the series and what healthy values look like.
/// </summary>
public static class MetricsServiceCollectionExtensions
{
    public static IServiceCollection AddConflictoMetrics(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MetricsOptions>().BindConfiguration(MetricsOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<MetricsOptions>, MetricsOptionsValidation>();
        if (!configuration.GetValue($"{MetricsOptions.Section}:{nameof(MetricsOptions.Enabled)}", true)) return services;

        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("conflicto"))
            .WithMetrics(metrics => metrics
                .AddMeter("Conflicto.*")
                .AddAspNetCoreInstrumentation()
                .AddMeter("Microsoft.AspNetCore.Http.Connections") // SignalR: connections by transport, their duration
                .AddRuntimeInstrumentation()
                .AddNpgsqlInstrumentation()
                .AddPrometheusExporter());
        return services;
    }

    public static IEndpointRouteBuilder MapMetrics(this IEndpointRouteBuilder routes)
    {
        var options = routes.ServiceProvider.GetRequiredService<IOptions<MetricsOptions>>().Value;
        if (!options.Enabled) return routes;
        var networks = options.Networks();
        routes.MapPrometheusScrapingEndpoint(options.Path)
            .Add(endpoint => MetricsAccess.Restrict(endpoint, networks));
        return routes;
    }
}

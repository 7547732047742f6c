using Microsoft.Extensions.Options;

namespace Conflicto.Server.Shutdown;

public static class ShutdownServiceCollectionExtensions
{
    /// <summary>Graceful shutdown: <c>Shutdown:DrainSeconds</c> is the drain's budget and the host's shutdown timeout.</summary>
    public static IServiceCollection AddGracefulShutdown(this IServiceCollection services)
    {
        services.AddOptions<ShutdownOptions>().BindConfiguration("Shutdown").ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<HostOptions>().Configure<IOptions<ShutdownOptions>>((host, shutdown) =>
            host.ShutdownTimeout = TimeSpan.FromSeconds(shutdown.Value.DrainSeconds));
        services.AddSingleton<NodeDrain>();
        services.AddSingleton<HubReconnects>();
        services.AddHostedService<GracefulShutdown>();
        return services;
    }

    /// <summary>Refuses new work while draining; after <c>UseServer</c>, before the endpoints.</summary>
    public static WebApplication UseGracefulShutdown(this WebApplication app)
    {
        app.UseMiddleware<DrainMiddleware>();
        return app;
    }
}

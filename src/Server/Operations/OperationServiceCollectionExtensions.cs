using Conflicto.Data.Operations;
using Microsoft.Extensions.Options;

namespace Conflicto.Server.Operations;

/// <summary>
/// Operation tracking (section <c>Operations</c>): the log and its writer, drop reports, retention,
/// the REST middleware (<see cref="UseOperationTracking"/>) and the hub filter, which
/// <c>RealtimeServiceCollectionExtensions</c> places before <c>HubCallFilter</c>.
/// </summary>
public static class OperationServiceCollectionExtensions
{
    public static IServiceCollection AddOperationTracking(this IServiceCollection services)
    {
        services.AddOptions<OperationOptions>().BindConfiguration("Operations").ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<OperationStore>();
        services.AddSingleton<OperationLog>();
        services.AddSingleton<HubInvocationMetrics>();
        services.AddSingleton<HubOperationFilter>();
        services.AddSingleton<OperationWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<OperationWriter>());
        services.AddHostedService<OperationDropReporter>();
        services.AddSingleton<OperationRetention>();
        services.AddHostedService(sp => sp.GetRequiredService<OperationRetention>());
        return services;
    }

    /// <summary>
    /// Records API requests; call it just inside the request log and outside the exception
    /// handler, so the status recorded is the one the client got. Off (<c>Operations:Enabled</c>
    /// false), the middleware is not even in the pipeline.
    /// </summary>
    public static IApplicationBuilder UseOperationTracking(this IApplicationBuilder app)
    {
        if (app.ApplicationServices.GetRequiredService<IOptions<OperationOptions>>().Value.Enabled)
            app.UseMiddleware<RestOperationMiddleware>();
        return app;
    }
}

using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Conflicto.Server.Infrastructure;

/// <summary>
/// Cross-origin access for browser clients hosted elsewhere (the legacy SPA, any separately hosted
/// client): one default policy for REST and the hub (negotiate and its HTTP transports), built
/// from <see cref="CorsOriginsOptions"/>. With no origins configured there is no policy, and the
/// CORS middleware passes every request on untouched: same origin only, no CORS header at all.
/// </summary>
public static class CorsSetup
{
    /// <summary>
    /// What clients send: JSON bodies, the host's admin code, the participant token, idempotency
    /// keys and ETag revalidation; the SignalR JS client adds X-Requested-With and X-SignalR-User-Agent.
    /// </summary>
    public static readonly string[] AllowedHeaders =
    [
        HeaderNames.ContentType, Access.Caller.AdminCodeHeader, HeaderNames.Authorization, "Idempotency-Key", HeaderNames.IfNoneMatch,
        HeaderNames.XRequestedWith, "X-SignalR-User-Agent",
    ];

    public static readonly string[] AllowedMethods = ["GET", "POST", "PUT", "PATCH", "DELETE"];

    /// <summary>Response headers a script may read: revalidation, back-off and the new resource's address.</summary>
    public static readonly string[] ExposedHeaders = [HeaderNames.ETag, HeaderNames.RetryAfter, HeaderNames.Location];

    /// <summary>How long a browser may reuse a preflight answer, so polling does not cost two requests each time.</summary>
    public static readonly TimeSpan PreflightMaxAge = TimeSpan.FromMinutes(10);

    public static IServiceCollection AddConflictoCors(this IServiceCollection services)
    {
        services.AddOptions<CorsOriginsOptions>().BindConfiguration(CorsOriginsOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<CorsOriginsOptions>, CorsOriginsValidation>();
        services.AddCors();
        // Read when the CORS middleware first needs a policy, after start-up validation has passed.
        services.AddOptions<CorsOptions>().Configure<IOptions<CorsOriginsOptions>>((cors, origins) =>
        {
            if (origins.Value.AllowedOrigins.Count > 0) cors.AddDefaultPolicy(policy => Build(policy, origins.Value));
        });
        return services;
    }

    private static void Build(CorsPolicyBuilder policy, CorsOriginsOptions origins)
    {
        policy.WithHeaders(AllowedHeaders).WithMethods(AllowedMethods).WithExposedHeaders(ExposedHeaders).SetPreflightMaxAge(PreflightMaxAge);
        if (origins.AnyOrigin) policy.AllowAnyOrigin(); // never with credentials: see CorsOriginsOptions.AllowedOrigins
        else policy.WithOrigins(origins.NormalizedOrigins().ToArray()).AllowCredentials();
    }
}

using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Conflicto.Server.Health;

/// <summary>
/// The health checks (ASP.NET Core health checks: <c>AddHealthChecks()</c>), answered by
/// <see cref="HealthEndpoints"/>. The dependencies (database, Redis) carry the <see cref="Dependency"/>
/// tag and a timeout; the others report figures and are at worst Degraded.
/// </summary>
public static class HealthChecksSetup
{
    public const string Database = "database";
    public const string Redis = "redis";
    public const string Processing = "processing";
    public const string Connections = "connections";
    public const string CatchUp = "catch_up";
    public const string Node = "node";
    public const string Dependency = "dependency";

    public static IServiceCollection AddConflictoHealthChecks(this IServiceCollection services)
    {
        services.AddOptions<HealthOptions>().BindConfiguration("Health").ValidateDataAnnotations().ValidateOnStart();
        services.AddHealthChecks()
            .AddCheck<NodeHealthCheck>(Node)
            .AddCheck<DatabaseHealthCheck>(Database, tags: [Dependency])
            .AddCheck<ProcessingHealthCheck>(Processing)
            .AddCheck<ConnectionsHealthCheck>(Connections)
            .AddCheck<CatchUpHealthCheck>(CatchUp);
        // Redis only where it is configured (AddRealtime registers its connection then).
        services.AddOptions<HealthCheckServiceOptions>().Configure<IConfiguration, IOptions<HealthOptions>>((checks, configuration, health) =>
        {
            if (!string.IsNullOrWhiteSpace(configuration.GetConnectionString("Redis")))
                checks.Registrations.Add(new HealthCheckRegistration(Redis, sp => ActivatorUtilities.CreateInstance<RedisHealthCheck>(sp), null, [Dependency]));
            var timeout = TimeSpan.FromSeconds(health.Value.CheckTimeoutSeconds);
            foreach (var registration in checks.Registrations.Where(r => r.Tags.Contains(Dependency))) registration.Timeout = timeout;
        });
        return services;
    }
}

using Conflicto.Server.Realtime;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Conflicto.Server.Health;

/// <summary>This node's hub connections, in total and by role. Informational: always Healthy.</summary>
public sealed class ConnectionsHealthCheck(LocalConnections connections) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var byRole = connections.CountByRole();
        var data = new Dictionary<string, object> { ["total"] = byRole.Values.Sum() };
        foreach (var (role, count) in byRole) data[role] = count;
        return Task.FromResult(HealthCheckResult.Healthy("ok", data));
    }
}

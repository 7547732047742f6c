using Conflicto.Server.Realtime;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Conflicto.Server.Health;

/// <summary>
/// This node's hub connections, in total and by the role they joined a session as (<c>none</c>: not
/// joined), counted as the <c>conflicto.hub.connections</c> gauge counts them. Informational: always Healthy.
/// </summary>
public sealed class ConnectionsHealthCheck(LocalConnections connections, SessionStreams streams) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var byRole = ConnectionCounts.ByRole(connections.Transports().Select(c => c.ConnectionId), ConnectionCounts.RolesOfJoined(streams));
        var data = new Dictionary<string, object> { ["total"] = byRole.Values.Sum() };
        foreach (var (role, count) in byRole) data[role] = count;
        return Task.FromResult(HealthCheckResult.Healthy("ok", data));
    }
}

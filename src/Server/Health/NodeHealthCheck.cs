using Conflicto.Server.Shutdown;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Conflicto.Server.Health;

/// <summary>
/// Whether this node takes new work: Unhealthy ("draining") from SIGTERM on, so <c>ready</c>
/// answers 503 and a load balancer stops sending new connections here while the node's clients
/// move to the others (see <see cref="NodeDrain"/>).
/// </summary>
public sealed class NodeHealthCheck(NodeDrain drain) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(drain.IsDraining
            ? HealthCheckResult.Unhealthy("draining: this node is shutting down", data: new Dictionary<string, object> { ["draining_seconds"] = Math.Round(drain.Elapsed.TotalSeconds, 1) })
            : HealthCheckResult.Healthy("ok"));
}

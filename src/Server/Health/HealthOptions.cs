using System.ComponentModel.DataAnnotations;

namespace Conflicto.Server.Health;

/// <summary>Section <c>Health</c>: how the health checks judge what they see.</summary>
public sealed class HealthOptions
{
    /// <summary>
    /// Redis down makes <c>ready</c> 503 (true) or only "degraded" (false). A node without Redis
    /// still serves its own clients and catches up from the database; with a load balancer in
    /// front, false keeps every node in rotation during a Redis outage instead of none.
    /// </summary>
    public bool RedisRequired { get; set; } = true;

    /// <summary>The catch-up is "degraded" when a stream has waited this long for a missing event, or the last comparison with the database is this old.</summary>
    [Range(1, 3_600)]
    public int CatchUpDegradedSeconds { get; set; } = 30;

    /// <summary>Longest a dependency check (database, Redis) may take before it counts as failed.</summary>
    [Range(1, 60)]
    public int CheckTimeoutSeconds { get; set; } = 5;
}

using System.ComponentModel.DataAnnotations;

namespace Conflicto.Server.Shutdown;

/// <summary>Section <c>Shutdown</c>: how long a node may take to leave after SIGTERM.</summary>
public sealed class ShutdownOptions
{
    /// <summary>
    /// The whole time a stopping node has, from SIGTERM to exit: it is also the host's
    /// <c>HostOptions.ShutdownTimeout</c>, so there is one number to keep below the orchestrator's
    /// grace period (Kubernetes: 30 s by default). Within it the node tells its hub clients to
    /// reconnect, lets running jobs finish for the first half (then releases them), and leaves the
    /// rest to the web server, the response writer and the other background services to stop.
    /// </summary>
    [Range(1, 3_600)]
    public int DrainSeconds { get; set; } = 25;
}

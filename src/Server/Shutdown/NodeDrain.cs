namespace Conflicto.Server.Shutdown;

/// <summary>
/// Whether this node is leaving. From the moment the host starts stopping (SIGTERM) the node
/// refuses new hub connections and new API requests with 503 (<see cref="DrainMiddleware"/>), and
/// its readiness check answers 503 "draining", so a load balancer sends everything elsewhere.
/// One instance per node; anything may read it.
/// </summary>
public sealed class NodeDrain(TimeProvider clock)
{
    private long _startedAt;

    public bool IsDraining => Volatile.Read(ref _startedAt) != 0;

    /// <summary>Time since the drain began (zero before).</summary>
    public TimeSpan Elapsed => Volatile.Read(ref _startedAt) is var started and not 0 ? clock.GetElapsedTime(started) : TimeSpan.Zero;

    /// <summary>Starts the drain; true the first time only.</summary>
    public bool Begin() => Interlocked.CompareExchange(ref _startedAt, Math.Max(1, clock.GetTimestamp()), 0) == 0;
}

using Conflicto.Load.Stats;
using Conflicto.Load.Target;

namespace Conflicto.Load.Scenarios.PushVsPoll;

/// <summary>How followers saw the measured changes: each (follower, change) pair counted once.</summary>
public readonly record struct SeenCounts(long Exact, long Superseded, long Missed, long Regressions)
{
    public long Pairs => Exact + Superseded + Missed;
}

/// <summary>
/// What one phase cost and delivered. Requests, CPU (<see cref="ServerJitSeconds"/>: the part spent
/// by the runtime's tier-1 compiler thread) and <see cref="DbWindow"/> cover the measured
/// window only; <see cref="DbPhase"/> runs from the settled reading before the phase to the one
/// after it (warm-up, drain and the statistics flush delay included).
/// </summary>
public sealed record PhaseResult(
    string Name,
    int Followers,
    double WindowSeconds,
    int MeasuredChanges,
    FollowerCounts Window,
    double? ServerCpuSeconds,
    double? ServerJitSeconds,
    double ClientCpuSeconds,
    int ClientCores,
    DatabaseLoad? DbWindow,
    DatabaseLoad? DbPhase,
    StepSummary Freshness,
    SeenCounts Seen,
    IReadOnlyList<string> Faults)
{
    /// <summary>Share of the client's cores used in the window (1 = saturated).</summary>
    public double ClientCpuShare => WindowSeconds > 0 ? ClientCpuSeconds / WindowSeconds / Math.Max(1, ClientCores) : 0;

    /// <summary>
    /// Server CPU without the runtime's background tier-1 compilation: one-off warm-up work that
    /// lands in whichever window first runs a path often enough, not a cost of the steady state.
    /// </summary>
    public double? SteadyServerCpuSeconds => ServerCpuSeconds - (ServerJitSeconds ?? 0);

    public double RequestsPerParticipantPerMinute => Targets.PerParticipantPerMinute(Window.Sent, Followers, WindowSeconds);
}

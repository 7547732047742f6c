using Conflicto.Load.Clients;

namespace Conflicto.Load.Scenarios.ReconnectStorm;

/// <summary>When a resumed client was back in step with the live session.</summary>
public static class CatchUp
{
    /// <summary>
    /// A client has caught up once it holds <paramref name="target"/>, the highest seq known to
    /// be committed when its join answer had been applied: at that moment if the answer (or the
    /// live events buffered meanwhile) already took it there, else when the target arrived live
    /// (<paramref name="arrivalOfTarget"/>, Stopwatch ticks). Null: it never did.
    /// </summary>
    public static long? Moment(JoinOutcome outcome, long target, long? arrivalOfTarget) =>
        outcome.SeqAfter >= target ? outcome.DoneAt
        : arrivalOfTarget is { } at ? Math.Max(outcome.DoneAt, at)
        : null;
}

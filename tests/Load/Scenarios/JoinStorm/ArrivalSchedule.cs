namespace Conflicto.Load.Scenarios.JoinStorm;

/// <summary>
/// When each of <see cref="Count"/> phones arrives: evenly, <see cref="RatePerSecond"/> a second,
/// the first at 0 (an open model: an arrival never waits for earlier ones to finish). Arrivals
/// with an index below <see cref="First"/> hit a just-started server and are measured apart.
/// </summary>
public sealed record ArrivalSchedule(int Count, double RatePerSecond, int First)
{
    public static ArrivalSchedule Create(int count, double ratePerSecond, int first)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ratePerSecond);
        ArgumentOutOfRangeException.ThrowIfNegative(first);
        return new ArrivalSchedule(count, ratePerSecond, Math.Min(first, count));
    }

    /// <summary>When arrival <paramref name="index"/> (0-based) is due, from the start of the storm.</summary>
    public TimeSpan TimeOf(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        return TimeSpan.FromTicks((long)Math.Round(index * TimeSpan.TicksPerSecond / RatePerSecond));
    }

    /// <summary>When the last arrival is due: a storm of N at R/s cannot be ready before this.</summary>
    public TimeSpan LastArrival => TimeOf(Count - 1);

    /// <summary>How many arrivals are due by <paramref name="elapsed"/> (those at exactly that moment included).</summary>
    public int DueBy(TimeSpan elapsed) =>
        // Half a tick: TimeOf rounds to the nearest tick, so an arrival's own time counts it.
        elapsed < TimeSpan.Zero ? 0 : (int)Math.Min(Count, Math.Floor((elapsed.Ticks + 0.5) * RatePerSecond / TimeSpan.TicksPerSecond) + 1);

    /// <summary>Whether arrival <paramref name="index"/> is one of the first (fresh server) group.</summary>
    public bool IsFirst(int index) => index < First;

    /// <summary>The step name suffix of an arrival's group, e.g. "first 500" / "after 500".</summary>
    public string GroupOf(int index) => IsFirst(index) ? $"first {First}" : $"after {First}";
}

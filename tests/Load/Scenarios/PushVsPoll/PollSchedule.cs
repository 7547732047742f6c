namespace Conflicto.Load.Scenarios.PushVsPoll;

/// <summary>
/// When each of <see cref="Pollers"/> legacy clients polls: poller i first at i/N of the period,
/// then every period on that grid, so the crowd's requests are spread evenly over each second
/// rather than arriving in lockstep (real clients start at random moments). A poll that runs
/// past its next slot is not followed by catch-up polls: the next one waits for the next slot
/// still ahead (a client never has two polls in flight).
/// </summary>
public sealed record PollSchedule(int Pollers, TimeSpan Period)
{
    public TimeSpan OffsetOf(int poller)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(poller);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(poller, Pollers);
        return TimeSpan.FromTicks(Period.Ticks * poller / Pollers);
    }

    /// <summary>The poller's first slot strictly after <paramref name="after"/>.</summary>
    public TimeSpan NextSlot(int poller, TimeSpan after)
    {
        var offset = OffsetOf(poller);
        if (after < offset) return offset;
        var slots = (after - offset).Ticks / Period.Ticks + 1;
        return TimeSpan.FromTicks(offset.Ticks + slots * Period.Ticks);
    }

    /// <summary>Slots passed over between a poll due at <paramref name="due"/> and the next one at <paramref name="next"/>.</summary>
    public long Skipped(TimeSpan due, TimeSpan next) => Math.Max(0, (next - due).Ticks / Period.Ticks - 1);
}

using System.Diagnostics;
using Conflicto.Load.Clients;

namespace Conflicto.Load.Scenarios.JoinStorm;

/// <summary>
/// The host's live participant count during the storm: every <c>Presence</c> message it receives
/// (Stopwatch ticks, count). "Live" is the longest stretch without an update while people arrive.
/// </summary>
public sealed class HostCount
{
    private readonly List<(long At, int Count)> _updates = [];

    public void Attach(LoadHubClient host) => host.PresenceReceived += (p, at) => { lock (_updates) _updates.Add((at, p.ParticipantCount)); };

    public IReadOnlyList<(long At, int Count)> Updates
    {
        get { lock (_updates) return [.. _updates]; }
    }

    public int? Latest
    {
        get { lock (_updates) return _updates.Count == 0 ? null : _updates[^1].Count; }
    }

    /// <summary>When the host first saw <paramref name="count"/> or more, if it did.</summary>
    public long? FirstReached(int count)
    {
        lock (_updates) return _updates.Where(u => u.Count >= count).Select(u => (long?)u.At).FirstOrDefault();
    }

    /// <summary>Waits (bounded) until the host's latest count is at least <paramref name="count"/>.</summary>
    public async Task<bool> WaitForAsync(int count, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (Latest is not { } latest || latest < count)
        {
            if (clock.Elapsed > timeout) return false;
            await Task.Delay(20);
        }
        return true;
    }

    /// <summary>
    /// The longest time between <paramref name="from"/> and <paramref name="to"/> (Stopwatch ticks)
    /// without an update: from the start to the first update in the span, between updates, and from
    /// the last one to the end.
    /// </summary>
    public static TimeSpan LongestWithoutUpdate(IEnumerable<long> updates, long from, long to)
    {
        if (to <= from) return TimeSpan.Zero;
        var longest = 0L;
        var previous = from;
        foreach (var at in updates.Where(u => u > from && u <= to).Order())
        {
            longest = Math.Max(longest, at - previous);
            previous = at;
        }
        longest = Math.Max(longest, to - previous);
        return Stopwatch.GetElapsedTime(0, longest);
    }
}

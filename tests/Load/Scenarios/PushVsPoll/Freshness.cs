using System.Diagnostics;

namespace Conflicto.Load.Scenarios.PushVsPoll;

/// <summary>The host's change number <see cref="Index"/> of a phase (1, 2, ...), started at Stopwatch ticks <see cref="Start"/>.</summary>
public readonly record struct ChangeMark(int Index, long Start);

/// <summary>A follower's view reached the state of change <see cref="Change"/> at Stopwatch ticks <see cref="At"/>.</summary>
public readonly record struct Sighting(int Change, long At);

public enum SeenAs { Exact, Superseded, Missed }

/// <summary>How one follower first saw one change, and how long after it was started (zero when missed).</summary>
public readonly record struct ChangeSeen(int Change, SeenAs Kind, TimeSpan Delay);

/// <summary>
/// Freshness: for each change, the first moment a follower saw it. A hub client receives every
/// change as an event, so only a sighting of that very change counts (<c>exact</c>). A poller
/// sees states, not changes: when two changes land between two of its polls it sees only the
/// second, so the first counts as seen then too, marked <see cref="SeenAs.Superseded"/>.
/// </summary>
public static class Freshness
{
    public static IReadOnlyList<ChangeSeen> Match(IReadOnlyList<ChangeMark> changes, IEnumerable<Sighting> sightings, bool exact) =>
        exact ? MatchExact(changes, sightings) : MatchStates(changes, sightings);

    /// <summary>Sightings (in time order) of a state older than one already seen: a view that went back in time.</summary>
    public static int Regressions(IEnumerable<Sighting> sightings)
    {
        int newest = int.MinValue, back = 0;
        foreach (var s in sightings.OrderBy(s => s.At))
        {
            if (s.Change < newest) back++;
            newest = Math.Max(newest, s.Change);
        }
        return back;
    }

    private static IReadOnlyList<ChangeSeen> MatchExact(IReadOnlyList<ChangeMark> changes, IEnumerable<Sighting> sightings)
    {
        var first = new Dictionary<int, long>();
        foreach (var s in sightings)
            if (!first.TryGetValue(s.Change, out var at) || s.At < at) first[s.Change] = s.At;
        return changes.Select(c => first.TryGetValue(c.Index, out var at)
            ? new ChangeSeen(c.Index, SeenAs.Exact, Delay(c.Start, at))
            : new ChangeSeen(c.Index, SeenAs.Missed, TimeSpan.Zero)).ToList();
    }

    private static IReadOnlyList<ChangeSeen> MatchStates(IReadOnlyList<ChangeMark> changes, IEnumerable<Sighting> sightings)
    {
        var ordered = changes.OrderBy(c => c.Index).ToList();
        var seen = new List<ChangeSeen>(ordered.Count);
        var next = 0;
        foreach (var s in sightings.OrderBy(s => s.At))
        {
            // Everything up to the state seen is seen now (changes are made one after another).
            for (; next < ordered.Count && ordered[next].Index <= s.Change; next++)
            {
                var kind = ordered[next].Index == s.Change ? SeenAs.Exact : SeenAs.Superseded;
                seen.Add(new ChangeSeen(ordered[next].Index, kind, Delay(ordered[next].Start, s.At)));
            }
        }
        for (; next < ordered.Count; next++) seen.Add(new ChangeSeen(ordered[next].Index, SeenAs.Missed, TimeSpan.Zero));
        return seen;
    }

    private static TimeSpan Delay(long start, long at) => at > start ? Stopwatch.GetElapsedTime(start, at) : TimeSpan.Zero;
}

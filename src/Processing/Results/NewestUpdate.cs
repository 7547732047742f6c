namespace Conflicto.Processing.Results;

/// <summary>
/// The newest <c>updated_at</c> among the responses an aggregator holds, kept under Add and Remove.
/// Results take their legacy <c>last_updated</c> from it rather than from the clock, so the same
/// responses always give the same document (a coalesced push that would otherwise differ on every
/// tick, and an ETag that would never match, are both avoided).
/// The newest is read at every snapshot (every coalescing tick, every recorded second of a replay):
/// a sorted set answers it in O(log n), where enumerating a sorted dictionary's keys was O(n).
/// </summary>
internal sealed class NewestUpdate
{
    private readonly SortedSet<DateTime> _times = [];
    private readonly Dictionary<DateTime, int> _counts = [];

    public void Add(DateTime at)
    {
        _counts[at] = _counts.GetValueOrDefault(at) + 1;
        _times.Add(at);
    }

    public void Remove(DateTime at)
    {
        if (!_counts.TryGetValue(at, out var count)) return;
        if (count > 1) { _counts[at] = count - 1; return; }
        _counts.Remove(at);
        _times.Remove(at);
    }

    public DateTime? Value => _times.Count == 0 ? null : _times.Max;
}

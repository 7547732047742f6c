namespace Conflicto.Processing.Results;

/// <summary>
/// The newest <c>updated_at</c> among the responses an aggregator holds, kept under Add and Remove.
/// Results take their legacy <c>last_updated</c> from it rather than from the clock, so the same
/// responses always give the same document (a coalesced push that would otherwise differ on every
/// tick, and an ETag that would never match, are both avoided).
/// </summary>
internal sealed class NewestUpdate
{
    private readonly SortedDictionary<DateTime, int> _times = [];

    public void Add(DateTime at) => _times[at] = _times.GetValueOrDefault(at) + 1;

    public void Remove(DateTime at)
    {
        if (!_times.TryGetValue(at, out var count)) return;
        if (count <= 1) _times.Remove(at); else _times[at] = count - 1;
    }

    public DateTime? Value => _times.Count == 0 ? null : _times.Keys.Last();
}

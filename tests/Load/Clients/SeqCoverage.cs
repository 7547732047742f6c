namespace Conflicto.Load.Clients;

/// <summary>
/// The seqs one client holds, kept as sorted, disjoint ranges: what its first snapshot covered
/// (1..lastSeq) and every event it applied after that. An event also accounts for the seqs
/// between its <c>prevSeq</c> and itself: the server says none of them was for this receiver
/// (protocol v2: a participant's stream skips other participants' events), so they are not
/// missed. <see cref="HolesUpTo"/> lists exactly which seqs of 1..last it never got, so "events
/// missed" is a set difference, not a count that a duplicate could balance out. Not thread-safe:
/// the owner holds its own lock.
/// </summary>
public sealed class SeqCoverage
{
    private readonly List<(long From, long To)> _ranges = [];

    /// <summary>Seqs added that were already covered (a client that applies an event twice).</summary>
    public long Repeats { get; private set; }

    public IReadOnlyList<(long From, long To)> Ranges => _ranges;

    /// <summary>A snapshot covers every seq from 1 to <paramref name="seq"/>.</summary>
    public void CoverThrough(long seq)
    {
        if (seq >= 1) AddRange(1, seq);
    }

    /// <summary>An event that directly follows the one before it (protocol v1, host and viewer streams).</summary>
    public void Add(long seq) => Add(seq, seq - 1);

    /// <summary>
    /// An event and the seqs <paramref name="prevSeq"/> + 1 .. <paramref name="seq"/> - 1 its
    /// stream skipped. A repeat is the event itself already held, whatever the skipped span.
    /// </summary>
    public void Add(long seq, long prevSeq)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(seq, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(prevSeq, seq);
        var from = Math.Max(1, prevSeq + 1);
        // The common case, the stream's next event after the last: extend the last range in place.
        if (_ranges.Count > 0 && _ranges[^1].From <= from && from <= _ranges[^1].To + 1 && _ranges[^1].To < seq)
        {
            _ranges[^1] = (_ranges[^1].From, seq);
            return;
        }
        if (Contains(seq)) { Repeats++; return; }
        AddRange(from, seq);
    }

    public bool Contains(long seq) => IndexOfRangeHolding(seq) >= 0;

    /// <summary>The missing seqs of 1..<paramref name="last"/>, as inclusive ranges in order.</summary>
    public IReadOnlyList<(long From, long To)> HolesUpTo(long last)
    {
        var holes = new List<(long, long)>();
        var next = 1L;
        foreach (var (from, to) in _ranges)
        {
            if (next > last) break;
            if (from > next) holes.Add((next, Math.Min(from - 1, last)));
            next = Math.Max(next, to + 1);
        }
        if (next <= last) holes.Add((next, last));
        return holes;
    }

    public long MissingUpTo(long last) => HolesUpTo(last).Sum(h => h.To - h.From + 1);

    private int IndexOfRangeHolding(long seq)
    {
        int lo = 0, hi = _ranges.Count - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) / 2;
            if (seq < _ranges[mid].From) hi = mid - 1;
            else if (seq > _ranges[mid].To) lo = mid + 1;
            else return mid;
        }
        return -1;
    }

    private void AddRange(long from, long to)
    {
        // Merge with every range that overlaps or touches [from, to], then insert in order.
        var merged = (From: from, To: to);
        var insertAt = 0;
        for (var i = 0; i < _ranges.Count;)
        {
            var r = _ranges[i];
            if (r.To + 1 < merged.From) { insertAt = i + 1; i++; continue; }
            if (r.From > merged.To + 1) break;
            merged = (Math.Min(r.From, merged.From), Math.Max(r.To, merged.To));
            _ranges.RemoveAt(i);
            insertAt = i;
        }
        _ranges.Insert(insertAt, merged);
    }
}

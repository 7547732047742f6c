namespace Conflicto.Load.Clients;

/// <summary>
/// One hub client's view of its event stream, without the connection (so it can be tested on its
/// own): the v2 client rule of docs/realtime.md applied to every envelope, whether it came alone
/// (<c>Event</c>) or in a batch (<c>Events</c>); envelopes held back while a JoinSession is in
/// flight; and the seqs held (<see cref="SeqCoverage"/>). A missing <c>prevSeq</c> is seq - 1,
/// so the same rule is the v1 rule. Not thread-safe: the owner holds its own lock.
/// </summary>
public sealed class EventStream
{
    private readonly List<EventMessage> _held = [];
    private readonly SeqCoverage _coverage = new(); // the first snapshot's 1..lastSeq, each event applied since, and what the stream skipped

    /// <summary>The highest seq applied (or the snapshot's lastSeq).</summary>
    public long LastSeq { get; private set; }

    /// <summary>Envelopes whose <c>prevSeq</c> was above <see cref="LastSeq"/> (live: each asks for a re-join).</summary>
    public int Gaps { get; private set; }

    /// <summary>Hub messages carrying events received: a batch of 5 is 1.</summary>
    public long Messages { get; private set; }

    /// <summary>Envelopes received, duplicates included: a batch of 5 is 5.</summary>
    public long Deliveries { get; private set; }

    /// <summary>False from the start and while a (re-)join is in flight: live envelopes are held, not applied.</summary>
    public bool Joined { get; private set; }

    public SeqCoverage Coverage => _coverage;

    /// <summary>What one envelope is to a stream whose last applied seq is <paramref name="lastSeq"/>.</summary>
    public static Arrival Classify(EventMessage e, long lastSeq) =>
        e.Seq <= lastSeq ? Arrival.Duplicate : e.Previous > lastSeq ? Arrival.Gap : Arrival.Next;

    /// <summary>
    /// A live hub message. Applies what follows on and drops duplicates; on a gap counts it and,
    /// when <paramref name="canRejoin"/>, stops applying (the gap and the rest of the batch are
    /// held) and returns true: the caller re-joins with afterSeq = <see cref="LastSeq"/> and gives
    /// the answer to <see cref="ApplyJoin"/>. A hub without sessions cannot re-join: its gaps are
    /// counted and applied.
    /// </summary>
    public bool Receive(IReadOnlyList<EventMessage> batch, bool canRejoin)
    {
        Messages++;
        Deliveries += batch.Count;
        if (!Joined)
        {
            _held.AddRange(batch);
            return false;
        }
        for (var i = 0; i < batch.Count; i++)
        {
            var outcome = Classify(batch[i], LastSeq);
            if (outcome == Arrival.Duplicate) continue;
            if (outcome == Arrival.Gap)
            {
                Gaps++;
                if (canRejoin)
                {
                    Joined = false;
                    _held.AddRange(batch.Skip(i));
                    return true;
                }
            }
            Apply(batch[i]);
        }
        return false;
    }

    /// <summary>A new connection: what the old one held back is dropped (the join answer covers it).</summary>
    public void Reset()
    {
        Joined = false;
        _held.Clear();
    }

    /// <summary>
    /// A JoinSession answer: the snapshot (the truth to start from on a first join, or when history
    /// was not kept: then the seqs it skips stay holes in the coverage), its events, then the
    /// envelopes held meanwhile. The snapshot's lastSeq covers events this role does not see too
    /// (v2), so live envelopes may start below it: a prevSeq at or below lastSeq is no gap. What
    /// follows the answer is the server's to get right: a gap in it is counted and applied, since
    /// re-joining would ask for the same answer. Returns how many of the answer's events were new.
    /// </summary>
    public int ApplyJoin(long? afterSeq, long snapshotSeq, bool recovered, IReadOnlyList<EventMessage> events)
    {
        if (afterSeq is null) _coverage.CoverThrough(snapshotSeq);
        if (afterSeq is null || !recovered) LastSeq = Math.Max(LastSeq, snapshotSeq);
        var applied = events.Count(ApplyFollowing);
        Joined = true;
        foreach (var e in _held) ApplyFollowing(e);
        _held.Clear();
        return applied;
    }

    /// <summary>A hub without sessions: everything from seq 1 applies as it comes.</summary>
    public void StartBare() => ApplyJoin(afterSeq: null, snapshotSeq: 0, recovered: false, []);

    private bool ApplyFollowing(EventMessage e)
    {
        var outcome = Classify(e, LastSeq);
        if (outcome == Arrival.Duplicate) return false;
        if (outcome == Arrival.Gap) Gaps++;
        Apply(e);
        return true;
    }

    private void Apply(EventMessage e)
    {
        // Previous may lie below LastSeq (a v2 participant's first envelope after a snapshot).
        _coverage.Add(e.Seq, Math.Min(e.Previous, e.Seq - 1));
        LastSeq = e.Seq;
    }
}

/// <summary>An envelope against the client's last applied seq: already held, the next of its stream, or after a gap.</summary>
public enum Arrival
{
    Duplicate,
    Next,
    Gap,
}

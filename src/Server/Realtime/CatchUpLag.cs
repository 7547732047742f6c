namespace Conflicto.Server.Realtime;

/// <summary>
/// How far behind this node's streams are, as <see cref="StreamCatchUpService"/> last saw them:
/// the holes it is waiting on (an event arrived before an earlier one) and, at its last
/// comparison with the database, how many streams and events were behind the sessions'
/// <c>last_seq</c>. Read by the health check; written only by the catch-up loop.
/// </summary>
public sealed class CatchUpLag(TimeProvider clock)
{
    private readonly object _gate = new();
    private int _holes;
    private long? _oldestHoleSince;
    private long? _lastComparison;
    private int _streamsBehind;
    private long _eventsBehind;
    private long _caughtUp;

    internal void Holes(int count, long? oldestSince)
    {
        lock (_gate) (_holes, _oldestHoleSince) = (count, oldestSince);
    }

    internal void Compared(int streamsBehind, long eventsBehind)
    {
        lock (_gate) (_lastComparison, _streamsBehind, _eventsBehind) = (clock.GetTimestamp(), streamsBehind, eventsBehind);
    }

    internal void CaughtUp(int events) => Interlocked.Add(ref _caughtUp, events);

    public CatchUpSnapshot Snapshot()
    {
        lock (_gate)
        {
            return new CatchUpSnapshot(_holes, _oldestHoleSince is { } since ? clock.GetElapsedTime(since) : null,
                _streamsBehind, _eventsBehind, _lastComparison is { } last ? clock.GetElapsedTime(last) : null, Interlocked.Read(ref _caughtUp));
        }
    }
}

/// <summary>
/// <paramref name="Holes"/> streams wait for a missing event, the oldest for <paramref name="OldestHole"/>;
/// at the comparison <paramref name="SinceComparison"/> ago, <paramref name="StreamsBehind"/> streams
/// were <paramref name="EventsBehind"/> events behind the log; <paramref name="CaughtUpEvents"/> events
/// have been read from the log since start.
/// </summary>
public sealed record CatchUpSnapshot(int Holes, TimeSpan? OldestHole, int StreamsBehind, long EventsBehind, TimeSpan? SinceComparison, long CaughtUpEvents);

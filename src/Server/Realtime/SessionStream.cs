using Conflicto.Server.Access;
using System.Collections.Immutable;
using System.Threading.Channels;
using Conflicto.Data.Events;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace Conflicto.Server.Realtime;

/// <summary>
/// A hub connection following a session: its audience, its stream version, the seq up to which its
/// <c>JoinSession</c> answer covered the log (<see cref="SkipThrough"/>: live events start after it)
/// and that answer's snapshot seq (<see cref="From"/>: the least its client holds).
/// </summary>
public sealed record Subscriber(HubConnectionContext Connection, Audience Audience, long SkipThrough, int Version = StreamVersions.V1, long From = 0);

/// <summary>
/// One session's live stream on this node. Events are offered from anywhere (local commits, the
/// event bus, database catch-up) in any order and any number of times; the stream releases them
/// strictly in seq order, exactly once, to a single writer loop. Each pass of the loop drains what
/// was released: v1 subscribers get one <c>Event</c> per event (serialised once per redaction
/// variant), v2 subscribers one <c>Events</c> message of their audience stream
/// (<see cref="StreamBatch"/>). With v2 subscribers the loop then waits <c>Realtime:BatchMs</c>, so
/// what arrives meanwhile goes out together; an event that finds the loop idle goes at once.
/// Writing is <see cref="StreamDelivery"/>'s: a failure while delivering an event is logged and
/// never stops the loop.
/// </summary>
public sealed class SessionStream
{
    private readonly object _gate = new();
    private readonly SortedDictionary<long, SessionEvent> _pending = [];
    // What each Offer released, as one item: the events of one commit leave in one drain.
    private readonly Channel<IReadOnlyList<SessionEvent>> _outbox = Channel.CreateUnbounded<IReadOnlyList<SessionEvent>>(new() { SingleReader = true });
    private readonly CancellationTokenSource _stopping = new();
    private readonly StreamDelivery _delivery;
    private readonly TimeProvider _time;
    private readonly TimeSpan _batchDelay;
    private ImmutableDictionary<string, Subscriber> _subscribers = ImmutableDictionary<string, Subscriber>.Empty;
    private long _released = -1; // -1: not started; events are buffered until the first snapshot sets the base
    private long _base;
    private int _joining;
    private readonly Action<SessionEvent> _onReleased;
    private readonly RealtimeMetrics? _metrics;

    public SessionStream(int sessionId, ILogger logger, Action<SessionEvent> released, TimeProvider? time = null, TimeSpan batchDelay = default, RealtimeMetrics? metrics = null, int maxQueuedMessages = 500)
    {
        SessionId = sessionId;
        _time = time ?? TimeProvider.System;
        _metrics = metrics;
        _delivery = new StreamDelivery(sessionId, logger, metrics, _time, maxQueuedMessages);
        _onReleased = released;
        _batchDelay = batchDelay;
        _ = Task.Run(WriteLoopAsync);
    }

    public int SessionId { get; }

    /// <summary>The last seq released in order (-1 before the stream started).</summary>
    public long Released { get { lock (_gate) return _released; } }

    /// <summary>The lowest seq that is missing while later ones wait, if any.</summary>
    public long? MissingFrom { get { lock (_gate) return _pending.Count > 0 && _released >= 0 ? _released + 1 : null; } }

    public int SubscriberCount => _subscribers.Count;

    /// <summary>The connections following this stream now.</summary>
    internal IEnumerable<Subscriber> Subscribers => _subscribers.Values;

    public bool IsIdle { get { lock (_gate) return _subscribers.IsEmpty && _joining == 0; } }

    internal void BeginJoin() { lock (_gate) _joining++; }

    /// <summary>
    /// Adds a subscriber whose snapshot covers everything up to <paramref name="snapshotSeq"/>, and
    /// returns the seq after which live events reach it. That is above the snapshot when the stream
    /// released later events (to others, or as another joiner's base) while this snapshot was being
    /// read: the caller hands those over itself, or the subscriber would never see them.
    /// </summary>
    internal long CompleteJoin(Subscriber subscriber, long snapshotSeq)
    {
        lock (_gate)
        {
            _joining--;
            if (_released < 0)
            {
                // First subscriber on this node: its snapshot is the stream's base.
                _released = _base = snapshotSeq;
                foreach (var seq in _pending.Keys.Where(s => s <= snapshotSeq).ToList()) _pending.Remove(seq);
                ReleaseReadyLocked();
            }
            subscriber = subscriber with { SkipThrough = Math.Max(subscriber.SkipThrough, _released), From = snapshotSeq };
            _subscribers = _subscribers.SetItem(subscriber.Connection.ConnectionId, subscriber);
            return subscriber.SkipThrough;
        }
    }

    internal void AbortJoin() { lock (_gate) _joining--; }

    internal bool Remove(string connectionId)
    {
        lock (_gate)
        {
            var before = _subscribers;
            _subscribers = _subscribers.Remove(connectionId);
            return !ReferenceEquals(before, _subscribers);
        }
    }

    public void Offer(IEnumerable<SessionEvent> events)
    {
        lock (_gate)
        {
            foreach (var e in events)
            {
                if (_released >= 0 && e.Seq <= _released) continue; // already released: a duplicate
                _pending.TryAdd(e.Seq, e);
            }
            if (_released >= 0) ReleaseReadyLocked();
        }
    }

    private void ReleaseReadyLocked()
    {
        List<SessionEvent>? ready = null;
        while (_pending.Remove(_released + 1, out var next))
        {
            _released = next.Seq;
            (ready ??= []).Add(next);
        }
        if (ready is not null) _outbox.Writer.TryWrite(ready); // unbounded: never fails while the stream lives
    }

    public void Complete()
    {
        _outbox.Writer.TryComplete();
        _stopping.Cancel(); // cuts a batch pause short: the loop drains what is left and ends
    }

    private async Task WriteLoopAsync()
    {
        AudienceChains? chains = null;
        var reader = _outbox.Reader;
        while (await reader.WaitToReadAsync())
        {
            var batch = new List<SessionEvent>();
            while (reader.TryRead(out var released)) batch.AddRange(released);
            chains ??= new AudienceChains(Volatile.Read(ref _base)); // set before the first release
            var subscribers = _subscribers.Values.ToList();
            _delivery.Deliver(batch, subscribers, chains);
            foreach (var e in batch) NotifyReleased(e);
            if (_batchDelay > TimeSpan.Zero && subscribers.Any(s => s.Version >= StreamVersions.V2)) await PauseAsync();
        }
    }

    private void NotifyReleased(SessionEvent e)
    {
        try
        {
            _onReleased(e);
        }
        catch (Exception ex)
        {
            _delivery.ReportFailed(ex, e.Seq);
        }
    }

    private async Task PauseAsync()
    {
        try
        {
            await Task.Delay(_batchDelay, _time, _stopping.Token);
        }
        catch (OperationCanceledException)
        {
            // The stream is closing: drain and end.
        }
    }

    /// <summary>Sends an ephemeral message (no seq) to every subscriber, or to those <paramref name="to"/> accepts, serialised once.</summary>
    public void Broadcast(SerializedHubMessage message, Func<Audience, bool>? to = null)
    {
        var written = 0;
        foreach (var subscriber in _subscribers.Values)
        {
            if (to is not null && !to(subscriber.Audience)) continue;
            _delivery.Write(subscriber, message, seq: -1);
            written++;
        }
        if (_metrics is not null && message.Message is InvocationMessage { Target: var kind }) _metrics.Broadcast(kind, written);
    }

    /// <summary>The participants following this stream on this node.</summary>
    public IEnumerable<int> ParticipantIds => _subscribers.Values.Select(s => s.Audience.ParticipantId).OfType<int>();
}

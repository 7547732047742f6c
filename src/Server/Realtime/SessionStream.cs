using Conflicto.Server.Access;
using System.Collections.Immutable;
using System.Threading.Channels;
using Conflicto.Data.Events;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace Conflicto.Server.Realtime;

/// <summary>A hub connection following a session, and the seq up to which its snapshot already covered.</summary>
public sealed record Subscriber(HubConnectionContext Connection, Audience Audience, long SkipThrough);

/// <summary>
/// One session's live stream on this node. Events are offered from anywhere (local commits, the
/// event bus, database catch-up) in any order and any number of times; the stream releases them
/// strictly in seq order, exactly once, to a single writer loop that sends each to every local
/// subscriber, serialised once per role variant.
/// </summary>
public sealed class SessionStream
{
    private readonly object _gate = new();
    private readonly SortedDictionary<long, SessionEvent> _pending = [];
    private readonly Channel<SessionEvent> _outbox = Channel.CreateUnbounded<SessionEvent>(new() { SingleReader = true });
    private readonly ILogger _logger;
    private ImmutableDictionary<string, Subscriber> _subscribers = ImmutableDictionary<string, Subscriber>.Empty;
    private long _released = -1; // -1: not started; events are buffered until the first snapshot sets the base
    private int _joining;
    private readonly Action<SessionEvent> _onReleased;

    public SessionStream(int sessionId, ILogger logger, Action<SessionEvent> released)
    {
        SessionId = sessionId;
        _logger = logger;
        _onReleased = released;
        _ = Task.Run(WriteLoopAsync);
    }

    public int SessionId { get; }

    /// <summary>The last seq released in order (-1 before the stream started).</summary>
    public long Released { get { lock (_gate) return _released; } }

    /// <summary>The lowest seq that is missing while later ones wait, if any.</summary>
    public long? MissingFrom { get { lock (_gate) return _pending.Count > 0 && _released >= 0 ? _released + 1 : null; } }

    public int SubscriberCount => _subscribers.Count;

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
                _released = snapshotSeq;
                foreach (var seq in _pending.Keys.Where(s => s <= snapshotSeq).ToList()) _pending.Remove(seq);
                ReleaseReadyLocked();
            }
            subscriber = subscriber with { SkipThrough = Math.Max(subscriber.SkipThrough, _released) };
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
        while (_pending.Remove(_released + 1, out var next))
        {
            _released = next.Seq;
            _outbox.Writer.TryWrite(next); // unbounded: never fails while the stream lives
        }
    }

    public void Complete() => _outbox.Writer.TryComplete();

    private async Task WriteLoopAsync()
    {
        await foreach (var e in _outbox.Reader.ReadAllAsync())
        {
            var variants = new Dictionary<string, SerializedHubMessage>(4);
            var author = EventRedaction.AuthorOf(e);
            foreach (var subscriber in _subscribers.Values)
            {
                if (e.Seq <= subscriber.SkipThrough) continue;
                var key = EventRedaction.VariantOf(author, subscriber.Audience);
                if (!variants.TryGetValue(key, out var message))
                {
                    var envelope = new EventEnvelope(e.SessionId, e.Seq, e.Type, e.At, JsonTree.ToObject(EventRedaction.Redact(e, subscriber.Audience)));
                    variants[key] = message = new SerializedHubMessage(new InvocationMessage(nameof(ISessionClient.Event), [envelope]));
                }
                // Not awaited: a slow or dead client must not hold up the others. Order per
                // connection is kept by the connection's own FIFO write lock, and a dead client is
                // dropped by the keep-alive timeout, which bounds what can pile up for it.
                var write = subscriber.Connection.WriteAsync(message);
                if (!write.IsCompletedSuccessfully) _ = ObserveAsync(write, e.Seq);
            }
            _onReleased(e);
        }
    }

    /// <summary>Sends an ephemeral message (no seq) to every subscriber, or to those <paramref name="to"/> accepts, serialised once.</summary>
    public void Broadcast(SerializedHubMessage message, Func<Audience, bool>? to = null)
    {
        foreach (var subscriber in _subscribers.Values)
        {
            if (to is not null && !to(subscriber.Audience)) continue;
            var write = subscriber.Connection.WriteAsync(message);
            if (!write.IsCompletedSuccessfully) _ = ObserveAsync(write, -1);
        }
    }

    /// <summary>The participants following this stream on this node.</summary>
    public IEnumerable<int> ParticipantIds => _subscribers.Values.Select(s => s.Audience.ParticipantId).OfType<int>();

    private async Task ObserveAsync(ValueTask write, long seq)
    {
        try
        {
            await write;
        }
        catch (Exception ex)
        {
            // A connection that failed mid-write is closing; its reconnect resumes from its last seq.
            _logger.LogDebug(ex, "Writing event {Seq} of session {SessionId} to a connection failed", seq, SessionId);
        }
    }
}

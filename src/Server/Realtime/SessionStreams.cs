using System.Collections.Concurrent;
using Conflicto.Data.Events;
using Microsoft.Extensions.Options;

namespace Conflicto.Server.Realtime;

/// <summary>
/// This node's live session streams, created when the first local client joins a session and
/// dropped when the last leaves. Every committed event reaches <see cref="Offer"/>: local commits
/// through <see cref="ISessionEventObserver"/>, other nodes' through the event bus, missed ones
/// through database catch-up.
/// </summary>
public sealed class SessionStreams : ISessionEventObserver
{
    private readonly ConcurrentDictionary<int, SessionStream> _streams = new();
    private readonly object _gate = new();
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly TimeSpan _batchDelay;
    private readonly int _maxQueued;
    private readonly RealtimeMetrics _metrics;

    public SessionStreams(ILoggerFactory loggerFactory, TimeProvider time, IOptions<RealtimeOptions> options, RealtimeMetrics metrics)
    {
        _logger = loggerFactory.CreateLogger<SessionStream>();
        _time = time;
        _batchDelay = TimeSpan.FromMilliseconds(options.Value.BatchMs);
        _maxQueued = options.Value.MaxQueuedMessages;
        _metrics = metrics;
        metrics.Observe(this);
    }

    /// <summary>Called with each event right after a stream has sent it (in seq order per session).</summary>
    public event Action<SessionEvent>? Released;

    public IReadOnlyCollection<SessionStream> Active => (IReadOnlyCollection<SessionStream>)_streams.Values;

    public SessionStream? Find(int sessionId) => _streams.GetValueOrDefault(sessionId);

    /// <summary>Registers a joiner before its snapshot is read, so no event committed meanwhile is lost.</summary>
    public SessionStream BeginJoin(int sessionId)
    {
        lock (_gate)
        {
            var stream = _streams.GetOrAdd(sessionId, id => new SessionStream(id, _logger, e => Released?.Invoke(e), _time, _batchDelay, _metrics, _maxQueued));
            stream.BeginJoin();
            return stream;
        }
    }

    public void AbortJoin(SessionStream stream)
    {
        lock (_gate)
        {
            stream.AbortJoin();
            DropIfIdle(stream);
        }
    }

    public void Leave(int sessionId, string connectionId)
    {
        lock (_gate)
        {
            if (_streams.TryGetValue(sessionId, out var stream) && stream.Remove(connectionId)) DropIfIdle(stream);
        }
    }

    private void DropIfIdle(SessionStream stream)
    {
        if (!stream.IsIdle) return;
        _streams.TryRemove(stream.SessionId, out _);
        stream.Complete();
    }

    public void OnCommitted(IReadOnlyList<SessionEvent> events) => Offer(events);

    public void Offer(IReadOnlyList<SessionEvent> events)
    {
        if (events.Count == 0) return;
        // Events of one commit belong to one session; a bus batch may mix sessions.
        foreach (var group in events.GroupBy(e => e.SessionId))
        {
            if (_streams.TryGetValue(group.Key, out var stream)) stream.Offer(group);
        }
    }
}

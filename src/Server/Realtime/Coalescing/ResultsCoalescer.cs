using Conflicto.Server.Access;
using System.Collections.Concurrent;
using Conflicto.Data.Events;
using Conflicto.Data.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Conflicto.Processing.Hosting;
using Microsoft.Extensions.Options;

namespace Conflicto.Server.Realtime.Coalescing;

/// <summary>
/// Pushes each activity's results at most every <see cref="RealtimeOptions.CoalesceMs"/>: the
/// streams hand over response events as they send them, a single loop applies them to
/// incremental per-activity state and sends one <c>Results</c> message per changed activity per
/// tick, serialised once. Fan-out cost grows with viewers × ticks, not viewers × responses.
/// </summary>
public sealed class ResultsCoalescer(SessionStreams streams, SnapshotStore snapshots, ResultsBook book, IOptions<RealtimeOptions> options, RealtimeMetrics metrics, TimeProvider clock, ILogger<ResultsCoalescer> logger, DatabaseAvailability database)
    : PeriodicService(clock, logger, database)
{
    private static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(10);
    private readonly ConcurrentQueue<SessionEvent> _inbox = new();
    // Each state with the stream it followed: a stream dropped and made again missed events, so
    // a state (or a book entry) made under the old one is reseeded rather than trusted.
    private readonly Dictionary<Guid, (SessionStream Stream, ActivityResultsState State)> _states = [];
    private long _lastSweep = clock.GetTimestamp();

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        streams.Released += OnReleased;
        return base.StartAsync(cancellationToken);
    }

    private void OnReleased(SessionEvent e)
    {
        if (e.Type is EventTypes.ResponseAdded or EventTypes.ResponseUpdated or EventTypes.ResponseDeleted
            or EventTypes.ResponseProcessing or EventTypes.ResponseModerated or EventTypes.ResponseMarked or EventTypes.ActivityUpdated or EventTypes.ActivityDeleted
            or EventTypes.ActivityStateChanged) // a state change decides who may see the results (drafts: the host only)
            _inbox.Enqueue(e);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        streams.Released -= OnReleased;
        await base.StopAsync(cancellationToken);
    }

    protected override TimeSpan Interval => TimeSpan.FromMilliseconds(options.Value.CoalesceMs);

    protected override void OnTickFailed()
    {
        // Rebuilt from the database on demand; the book may lack what the failed tick dequeued.
        _states.Clear();
        book.Clear();
    }

    protected override async Task TickAsync(CancellationToken ct)
    {
        metrics.Tick(RealtimeMetrics.Results);
        var changed = new Dictionary<Guid, int>();
        while (_inbox.TryDequeue(out var e))
        {
            if (EventFields.ActivityOf(e) is not { } activityId) continue;
            if (e.Type is EventTypes.ResponseProcessing or EventTypes.ResponseModerated or EventTypes.ResponseMarked)
            {
                // A host's decision hides or shows a response in every activity, an enricher's verdict
                // only in a moderated one, and a host's Q&A mark reorders the questions (a pin can
                // unpin another): rebuild that activity's state from the database (which applies
                // moderation and holds the marks) and push it, also when this node held no state for it yet.
                var rebuild = e.Type is EventTypes.ResponseModerated or EventTypes.ResponseMarked
                    || (_states.TryGetValue(activityId, out var moderated) && (moderated.State.IsModerated || moderated.State.ReadsEnrichment));
                if (rebuild)
                {
                    _states.Remove(activityId);
                    changed[activityId] = e.SessionId;
                }
                else if (!_states.ContainsKey(activityId)) book.Forget(activityId, e.Seq); // a join's reading may no longer hold
                continue;
            }
            if (!e.Type.StartsWith("response.", StringComparison.Ordinal))
            {
                _states.Remove(activityId); // configuration changed or activity gone: reseed on demand
                if (e.Type == EventTypes.ActivityUpdated) changed[activityId] = e.SessionId;
                else book.Forget(activityId, e.Seq);
                continue;
            }
            if (await StateAsync(activityId, e.SessionId, ct) is not { } state) continue;
            state.Apply(e);
            changed[activityId] = e.SessionId;
        }

        var pushed = 0;
        foreach (var (activityId, sessionId) in changed)
        {
            if (streams.Find(sessionId) is not { } stream) { _states.Remove(activityId); book.Forget(activityId, 0); continue; }
            if (await StateAsync(activityId, sessionId, ct) is not { } state) continue;
            var update = state.ToUpdate();
            // Recorded before it is pushed: a client joining meanwhile gets it from the book or from the push.
            book.Record(stream, update);
            // A draft's results carry its content (a poll's question and options): the host's only.
            stream.Broadcast(new SerializedHubMessage(new InvocationMessage(nameof(ISessionClient.Results), [update])),
                state.IsPublic ? null : audience => audience.Role == Roles.Host);
            pushed++;
        }
        metrics.Pushed(RealtimeMetrics.Results, pushed);
        Sweep();
    }

    /// <summary>The activity's state under the session's current stream, seeded from the database when missing or made under an older stream.</summary>
    private async Task<ActivityResultsState?> StateAsync(Guid activityId, int sessionId, CancellationToken ct)
    {
        var stream = streams.Find(sessionId);
        if (stream is null) { _states.Remove(activityId); return null; }
        if (_states.TryGetValue(activityId, out var held) && ReferenceEquals(held.Stream, stream)) return held.State;
        if (await snapshots.ReadResultsBaseAsync(activityId, ct) is not { } seed) { _states.Remove(activityId); return null; }
        var state = new ActivityResultsState(seed.Activity, seed.Responses, seed.AsOfSeq);
        _states[activityId] = (stream, state);
        return state;
    }

    private void Sweep()
    {
        var now = Clock.GetTimestamp();
        if (Clock.GetElapsedTime(_lastSweep, now) < SweepInterval) return;
        _lastSweep = now;
        foreach (var (id, held) in _states.Where(s => !ReferenceEquals(streams.Find(s.Value.Stream.SessionId), s.Value.Stream)).ToList()) _states.Remove(id);
        book.Sweep();
    }
}

using System.Collections.Concurrent;
using Conflicto.Data.Events;
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
public sealed class ResultsCoalescer(SessionStreams streams, SnapshotStore snapshots, IOptions<RealtimeOptions> options, ILogger<ResultsCoalescer> logger)
    : PeriodicService(logger)
{
    private readonly ConcurrentQueue<SessionEvent> _inbox = new();
    private readonly Dictionary<Guid, ActivityResultsState> _states = [];

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        streams.Released += OnReleased;
        return base.StartAsync(cancellationToken);
    }

    private void OnReleased(SessionEvent e)
    {
        if (e.Type is EventTypes.ResponseAdded or EventTypes.ResponseUpdated or EventTypes.ResponseDeleted
            or EventTypes.ResponseProcessing or EventTypes.ResponseModerated or EventTypes.ActivityUpdated or EventTypes.ActivityDeleted)
            _inbox.Enqueue(e);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        streams.Released -= OnReleased;
        await base.StopAsync(cancellationToken);
    }

    protected override TimeSpan Interval => TimeSpan.FromMilliseconds(options.Value.CoalesceMs);

    protected override void OnTickFailed() => _states.Clear(); // rebuilt from the database on demand


    protected override async Task TickAsync(CancellationToken ct)
    {
        var changed = new Dictionary<Guid, int>();
        while (_inbox.TryDequeue(out var e))
        {
            var activityId = e.Type.StartsWith("response.", StringComparison.Ordinal) ? e.Data.GetProperty("activity_id").GetGuid() : e.Data.GetProperty("id").GetGuid();
            if (e.Type is EventTypes.ResponseProcessing or EventTypes.ResponseModerated)
            {
                // A host's decision hides or shows a response in every activity, an enricher's verdict
                // only in a moderated one: rebuild that activity's state from the database (which
                // applies moderation) and push it, also when this node held no state for it yet.
                var rebuild = e.Type == EventTypes.ResponseModerated
                    || (_states.TryGetValue(activityId, out var moderated) && moderated.IsModerated);
                if (rebuild)
                {
                    _states.Remove(activityId);
                    changed[activityId] = e.SessionId;
                }
                continue;
            }
            if (!e.Type.StartsWith("response.", StringComparison.Ordinal))
            {
                _states.Remove(activityId); // configuration changed or activity gone: reseed on demand
                if (e.Type == EventTypes.ActivityUpdated) changed[activityId] = e.SessionId;
                continue;
            }
            if (!_states.TryGetValue(activityId, out var state))
            {
                if (await snapshots.ReadResultsBaseAsync(activityId, ct) is not { } seed) continue;
                _states[activityId] = state = new ActivityResultsState(seed.Activity, seed.Responses, seed.AsOfSeq);
            }
            state.Apply(e);
            changed[activityId] = e.SessionId;
        }

        foreach (var (activityId, sessionId) in changed)
        {
            if (streams.Find(sessionId) is not { } stream) { _states.Remove(activityId); continue; }
            if (!_states.TryGetValue(activityId, out var state))
            {
                if (await snapshots.ReadResultsBaseAsync(activityId, ct) is not { } seed) continue;
                _states[activityId] = state = new ActivityResultsState(seed.Activity, seed.Responses, seed.AsOfSeq);
            }
            var update = new ResultsUpdate(sessionId, activityId, state.AppliedThrough, state.ResponseCount, JsonTree.ToObject(Data.Infrastructure.Json.ToElement(state.Snapshot()))!);
            stream.Broadcast(new SerializedHubMessage(new InvocationMessage(nameof(ISessionClient.Results), [update])));
        }
    }
}

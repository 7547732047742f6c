using Conflicto.Data.Events;
using Conflicto.Data.Infrastructure;
using Conflicto.Data.Participants;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Conflicto.Processing.Hosting;
using Microsoft.Extensions.Options;

namespace Conflicto.Server.Realtime.Coalescing;

/// <summary>
/// Presence over the hub: a participant's open connection is its heartbeat (this node marks
/// its connected participants as seen every <see cref="TouchInterval"/>, so legacy
/// <c>last_seen</c> stays meaningful), and each session's participant counts are pushed to its
/// followers when they change: at most every <see cref="RealtimeOptions.CoalesceMs"/> after a
/// join or leave, and every <see cref="RecountInterval"/> otherwise (people going idle after a
/// disconnect, once the reconnect grace of the online window has passed).
/// </summary>
public sealed class PresenceCoalescer(SessionStreams streams, SnapshotStore snapshots, IOptions<RealtimeOptions> options, RealtimeMetrics metrics, TimeProvider clock, ILogger<PresenceCoalescer> logger, DatabaseAvailability database)
    : PeriodicService(clock, logger, database)
{
    private static readonly TimeSpan TouchInterval = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan RecountInterval = TimeSpan.FromSeconds(5);
    private readonly HashSet<int> _dirty = [];
    private readonly Dictionary<int, (int Present, int Online)> _lastSent = [];
    private readonly object _gate = new();

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        streams.Released += OnReleased;
        return base.StartAsync(cancellationToken);
    }

    private void OnReleased(SessionEvent e)
    {
        if (e.Type is EventTypes.ParticipantJoined or EventTypes.ParticipantLeft) lock (_gate) _dirty.Add(e.SessionId);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        streams.Released -= OnReleased;
        await base.StopAsync(cancellationToken);
    }

    protected override TimeSpan Interval => TimeSpan.FromMilliseconds(options.Value.CoalesceMs);

    private long _lastTouch = clock.GetTimestamp();
    private long _lastRecount = clock.GetTimestamp();

    protected override async Task TickAsync(CancellationToken ct)
    {
        metrics.Tick(RealtimeMetrics.Presence);
        var now = Clock.GetTimestamp();
        if (Clock.GetElapsedTime(_lastTouch, now) >= TouchInterval)
        {
            _lastTouch = now;
            await snapshots.TouchParticipantsAsync(streams.Active.SelectMany(s => s.ParticipantIds).Distinct().ToList(), ct);
        }
        var recount = Clock.GetElapsedTime(_lastRecount, now) >= RecountInterval;
        if (recount) _lastRecount = now;
        List<int> sessions;
        lock (_gate)
        {
            sessions = recount ? streams.Active.Select(s => s.SessionId).ToList() : _dirty.ToList();
            _dirty.Clear();
        }
        await PushAsync(sessions, ct);
    }

    private async Task PushAsync(List<int> sessionIds, CancellationToken ct)
    {
        foreach (var gone in _lastSent.Keys.Where(id => streams.Find(id) is null).ToList()) _lastSent.Remove(gone);
        if (sessionIds.Count == 0) return;
        var counts = await snapshots.PresenceCountsAsync(sessionIds, Presence.OnlineWindow, ct);
        var pushed = 0;
        foreach (var sessionId in sessionIds)
        {
            if (streams.Find(sessionId) is not { } stream) continue;
            var current = counts.GetValueOrDefault(sessionId);
            if (_lastSent.TryGetValue(sessionId, out var last) && last == current) continue;
            _lastSent[sessionId] = current;
            var update = new PresenceUpdate(sessionId, current.Present, current.Online);
            stream.Broadcast(new SerializedHubMessage(new InvocationMessage(nameof(ISessionClient.Presence), [update])));
            pushed++;
        }
        metrics.Pushed(RealtimeMetrics.Presence, pushed);
    }
}

using Conflicto.Data.Events;
using Conflicto.Data.Infrastructure;
using Conflicto.Processing.Hosting;
using Microsoft.Extensions.Options;

namespace Conflicto.Server.Realtime;

/// <summary>
/// Fills holes in this node's streams from the database. A hole appears when a later event
/// arrives before an earlier one (in flight from another node, or lost while Redis was down);
/// after <see cref="RealtimeOptions.GapFillDelayMs"/> the missing events are read from the log.
/// Every <see cref="RealtimeOptions.CatchUpIntervalMs"/> the streams' positions are also compared
/// with the sessions' <c>last_seq</c> (one query for all), catching events no message announced.
/// What it sees is kept in <see cref="CatchUpLag"/> for the health check.
/// </summary>
public sealed class StreamCatchUpService(SessionStreams streams, EventStore events, BackplaneMetrics metrics, CatchUpLag lag, IOptions<RealtimeOptions> options, TimeProvider clock, ILogger<StreamCatchUpService> logger, DatabaseAvailability database)
    : PeriodicService(clock, logger, database)
{
    private const int ReadLimit = 5_000;
    private readonly Dictionary<int, (long Missing, long Since)> _holes = [];

    private long _lastCompare = clock.GetTimestamp();

    protected override TimeSpan Interval => TimeSpan.FromMilliseconds(Math.Max(10, options.Value.GapFillDelayMs / 2));

    protected override async Task TickAsync(CancellationToken ct)
    {
        await FillHolesAsync(ct);
        if (Clock.GetElapsedTime(_lastCompare) < TimeSpan.FromMilliseconds(options.Value.CatchUpIntervalMs)) return;
        _lastCompare = Clock.GetTimestamp();
        await CompareWithDatabaseAsync(ct);
    }

    private async Task FillHolesAsync(CancellationToken ct)
    {
        var now = Clock.GetTimestamp();
        var delay = TimeSpan.FromMilliseconds(options.Value.GapFillDelayMs);
        var active = streams.Active.ToList();
        foreach (var id in _holes.Keys.Where(id => active.All(s => s.SessionId != id)).ToList()) _holes.Remove(id);
        foreach (var stream in active)
        {
            if (stream.MissingFrom is not { } missing) { _holes.Remove(stream.SessionId); continue; }
            if (!_holes.TryGetValue(stream.SessionId, out var hole) || hole.Missing != missing)
            {
                _holes[stream.SessionId] = (missing, now); // a new hole: give the in-flight event its chance first
                continue;
            }
            if (Clock.GetElapsedTime(hole.Since, now) < delay) continue;
            await CatchUpAsync(stream, gap: true, ct);
            _holes.Remove(stream.SessionId);
        }
        lag.Holes(_holes.Count, _holes.Count == 0 ? null : _holes.Values.Min(h => h.Since));
    }

    private async Task CompareWithDatabaseAsync(CancellationToken ct)
    {
        var started = streams.Active.Where(s => s.Released >= 0).ToList();
        if (started.Count == 0)
        {
            lag.Compared(0, 0);
            return;
        }
        var lastSeqs = await events.LastSeqsAsync(started.Select(s => s.SessionId).ToList(), ct);
        var behind = started.Select(s => (Stream: s, By: lastSeqs.TryGetValue(s.SessionId, out var last) ? last - s.Released : 0)).Where(b => b.By > 0).ToList();
        lag.Compared(behind.Count, behind.Sum(b => b.By));
        foreach (var (stream, _) in behind) await CatchUpAsync(stream, gap: false, ct);
    }

    private async Task CatchUpAsync(SessionStream stream, bool gap, CancellationToken ct)
    {
        var from = stream.Released;
        var missed = await events.ListAfterAsync(stream.SessionId, from, ReadLimit, ct);
        metrics.CaughtUp(gap, missed.Count);
        if (missed.Count == 0) return;
        lag.CaughtUp(missed.Count);
        logger.LogInformation("Session {SessionId}: caught up {Count} event(s) after seq {Seq} from the database", stream.SessionId, missed.Count, from);
        stream.Offer(missed);
    }
}

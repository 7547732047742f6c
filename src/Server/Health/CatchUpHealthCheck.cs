using Conflicto.Server.Realtime;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Conflicto.Server.Health;

/// <summary>
/// How far behind this node's streams are (<see cref="CatchUpLag"/>): holes waiting for a missing
/// event and, at the catch-up's last comparison with the event log, streams and events behind.
/// Degraded when a hole or the last comparison is older than <see cref="HealthOptions.CatchUpDegradedSeconds"/>
/// (events from other nodes are not arriving, or the catch-up cannot read the database).
/// </summary>
public sealed class CatchUpHealthCheck(CatchUpLag lag, IOptions<HealthOptions> options, IOptions<RealtimeOptions> realtime) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var snapshot = lag.Snapshot();
        var data = new Dictionary<string, object>
        {
            ["holes"] = snapshot.Holes,
            ["oldest_hole_seconds"] = Math.Round(snapshot.OldestHole?.TotalSeconds ?? 0, 1),
            ["streams_behind"] = snapshot.StreamsBehind,
            ["events_behind"] = snapshot.EventsBehind,
            ["caught_up_events"] = snapshot.CaughtUpEvents,
        };
        if (snapshot.SinceComparison is { } since) data["last_comparison_seconds_ago"] = Math.Round(since.TotalSeconds, 1);

        var limit = TimeSpan.FromSeconds(options.Value.CatchUpDegradedSeconds);
        // Comparisons come every CatchUpIntervalMs: one missed is not yet a problem.
        var comparisonLimit = TimeSpan.FromMilliseconds(Math.Max(limit.TotalMilliseconds, 2 * realtime.Value.CatchUpIntervalMs));
        var status = snapshot.OldestHole > limit ? $"a stream has waited {snapshot.OldestHole.Value.TotalSeconds:0} s for a missing event"
            : snapshot.SinceComparison > comparisonLimit ? $"no comparison with the event log for {snapshot.SinceComparison.Value.TotalSeconds:0} s"
            : null;
        return Task.FromResult(status is null ? HealthCheckResult.Healthy("ok", data) : HealthCheckResult.Degraded(status, data: data));
    }
}

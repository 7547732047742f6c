using Conflicto.Data.Infrastructure;
using Conflicto.Data.Processing;
using Conflicto.Processing.Pipeline;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Conflicto.Server.Health;

/// <summary>
/// The processing pipeline as this node sees it (its queue and workers) and the jobs of all nodes
/// by status (from the database). Informational: Degraded when the queue is full (the sweeper
/// brings dropped jobs back, but they wait) or when the job counts cannot be read; the database's
/// own check is what says it is down or behind.
/// </summary>
public sealed class ProcessingHealthCheck(
    JobQueue queue, ProcessingMetrics metrics, JobQueries jobs, DatabaseAvailability database, IOptions<ProcessingOptions> options, TimeProvider clock) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var workers = options.Value.Enabled ? options.Value.Workers : 0;
        var busy = metrics.BusyWorkers;
        var data = new Dictionary<string, object>
        {
            ["enabled"] = options.Value.Enabled,
            ["queue_depth"] = queue.Depth,
            ["queue_capacity"] = queue.Capacity,
            ["queue_dropped"] = queue.Dropped,
            ["workers"] = workers,
            ["workers_busy"] = busy,
            ["workers_idle"] = Math.Max(0, workers - busy),
        };
        var full = queue.Depth >= queue.Capacity;
        try
        {
            var counts = await jobs.CountsAsync(cancellationToken);
            data["pending"] = counts.Pending;
            data["processing"] = counts.Processing;
            data["failed"] = counts.Failed;
            data["failed_last_hour"] = counts.FailedLastHour;
            if (counts.OldestPendingAt is { } oldest)
                data["oldest_pending_age_seconds"] = Math.Round((clock.GetUtcNow().UtcDateTime - oldest).TotalSeconds, 1);
        }
        catch (Npgsql.NpgsqlException ex)
        {
            // Unreachable, or a schema without the jobs table: the database check reports which.
            var why = database.ReportFailure(ex) ? "the database is unreachable" : ex.Message;
            return HealthCheckResult.Degraded($"job counts unavailable: {why}", data: data);
        }
        return full ? HealthCheckResult.Degraded($"queue full ({queue.Depth} of {queue.Capacity}): jobs wait for the sweeper", data: data) : HealthCheckResult.Healthy("ok", data);
    }
}

using Conflicto.Data.Infrastructure;
using Conflicto.Data.Processing;
using Conflicto.Processing.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Conflicto.Processing.Pipeline;

/// <summary>
/// Keeps the promise that no job is lost: every <see cref="ProcessingOptions.SweepIntervalMs"/> it
/// fails jobs whose lease expired (their node crashed), moves due failures with attempts left
/// back to pending (automatic retry with backoff), and offers every due pending job to the queue
/// (those a full queue dropped, those of a restarted node, those announced on another node).
/// </summary>
public sealed class JobSweeper(JobStore jobs, JobQueries queries, JobQueue queue, IOptions<ProcessingOptions> options, TimeProvider clock, ILogger<JobSweeper> logger, DatabaseAvailability database)
    : PeriodicService(clock, logger, database)
{
    protected override TimeSpan Interval => TimeSpan.FromMilliseconds(options.Value.SweepIntervalMs);

    protected override async Task TickAsync(CancellationToken ct)
    {
        if (!options.Value.Enabled) return;
        foreach (var job in await jobs.ReclaimExpiredAsync(100, ct))
            logger.LogWarning("Job {JobId} ({Kind} of {SubjectId}) reclaimed: its lease expired on {Node}", job.Id, job.Kind, job.SubjectId, job.ClaimedBy);
        foreach (var job in await jobs.RequeueDueFailuresAsync(100, ct))
            logger.LogInformation("Job {JobId} queued again for attempt {Attempt}/{MaxAttempts}", job.Id, job.Attempts + 1, job.MaxAttempts);

        // Offer up to the free room, oldest first; what does not fit waits for the next sweep.
        var room = Math.Max(0, queue.Capacity - queue.Depth);
        if (room == 0) return;
        foreach (var job in await queries.ListDuePendingAsync(Math.Min(room, 1_000), ct))
            if (!queue.Offer(new JobKey(job.Kind, job.SubjectId, job.SessionId))) break;
    }
}

using System.Text.Json;
using Conflicto.Data.Infrastructure;
using Conflicto.Data.Processing;
using Conflicto.Processing.Analysis;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Conflicto.Processing.Pipeline;

/// <summary>
/// The workers of the pipeline: each takes a job key from the queue, claims the job in the
/// database (so several nodes never run the same attempt), runs its handler under the per-job
/// timeout, and records the outcome: completed, or failed with a retry time from the backoff
/// policy. On shutdown (<see cref="DrainAsync"/>, then <see cref="StopAsync"/>) the workers take
/// no new job, let the running ones finish for a while, and release the rest back to pending so
/// another node picks them up at once. While the database is unreachable a worker reports it to
/// <see cref="DatabaseAvailability"/> (one log line for the outage, not one per job) and waits
/// a growing back-off before taking the next key; the jobs stay pending and the sweeper offers
/// them again once it can read them.
/// </summary>
public sealed class ProcessingWorkers(
    JobQueue queue, JobStore jobs, IEnumerable<IJobHandler> handlers, ProcessingMetrics metrics,
    IOptions<ProcessingOptions> options, DatabaseAvailability database, TimeProvider clock, ILogger<ProcessingWorkers> logger) : BackgroundService
{
    /// <summary>This node's name in job claims: unique per process start.</summary>
    public static readonly string Node = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";
    private readonly Dictionary<string, IJobHandler> _handlers = handlers.ToDictionary(h => h.Kind);
    private readonly RetryPolicy _retry = new(TimeSpan.FromMilliseconds(options.Value.RetryBaseDelayMs), TimeSpan.FromMilliseconds(options.Value.RetryMaxDelayMs));
    // Not disposed, like BackgroundService's own: the host may stop the service after the container disposed it.
    private readonly CancellationTokenSource _noNewJobs = new();
    private readonly CancellationTokenSource _release = new();
    private int _running;
    private int _finished;
    private int _released;

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            logger.LogInformation("Processing is disabled on this node (Processing:Enabled=false): jobs wait for another node");
            return Task.CompletedTask;
        }
        return Task.WhenAll(Enumerable.Range(0, options.Value.Workers).Select(_ => Task.Run(() => WorkAsync(stoppingToken), CancellationToken.None)));
    }

    /// <summary>
    /// Stops taking jobs (those queued stay pending in the database for other nodes), waits up to
    /// <paramref name="finishWithin"/> for the running ones, then interrupts the rest and releases
    /// them (<see cref="JobStore.ReleaseAsync"/>). Returns how many finished and were released meanwhile.
    /// </summary>
    public async Task<(int Finished, int Released)> DrainAsync(TimeSpan finishWithin)
    {
        var (finished, released) = (Volatile.Read(ref _finished), Volatile.Read(ref _released));
        _noNewJobs.Cancel();
        if (ExecuteTask is { } workers && !await EndsWithinAsync(workers, finishWithin))
        {
            logger.LogInformation("{Count} job(s) still running after {Seconds:0.#} s: releasing them", Volatile.Read(ref _running), finishWithin.TotalSeconds);
            _release.Cancel();
            // A release is one short write per job; a handler that ignores cancellation is left to the host's stop.
            if (!await EndsWithinAsync(workers, finishWithin / 2))
                logger.LogWarning("{Count} job(s) ignored the interruption; their leases expire and another node reclaims them", Volatile.Read(ref _running));
        }
        return (Volatile.Read(ref _finished) - finished, Volatile.Read(ref _released) - released);
    }

    private async Task<bool> EndsWithinAsync(Task task, TimeSpan limit)
    {
        await Task.WhenAny(task, Task.Delay(limit, clock));
        return task.IsCompleted;
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _noNewJobs.Cancel();
        queue.Complete();
        await base.StopAsync(cancellationToken);
    }

    private async Task WorkAsync(CancellationToken stopping)
    {
        using var taking = CancellationTokenSource.CreateLinkedTokenSource(stopping, _noNewJobs.Token);
        var outageFailures = 0;
        try
        {
            while (await queue.TakeAsync(taking.Token) is { } key)
            {
                try
                {
                    await ProcessAsync(key, stopping);
                    outageFailures = 0;
                }
                catch (Exception ex) when (ex is not OperationCanceledException && database.ReportFailure(ex))
                {
                    await Task.Delay(database.BackoffDelay(++outageFailures, TimeSpan.FromMilliseconds(options.Value.SweepIntervalMs)), clock, taking.Token);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !stopping.IsCancellationRequested)
                {
                    // A database hiccup while claiming or recording: the job stays pending or its
                    // lease expires, and the sweeper brings it back. The worker carries on.
                    logger.LogError(ex, "Job for {Kind} {SubjectId} could not be processed; it will be retried", key.Kind, key.SubjectId);
                }
            }
        }
        catch (OperationCanceledException) when (taking.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private async Task ProcessAsync(JobKey key, CancellationToken stopping)
    {
        var lease = TimeSpan.FromSeconds(options.Value.LeaseSeconds);
        var job = await jobs.ClaimAsync(key.Kind, key.SubjectId, key.SessionId, Node, lease, stopping);
        if (job is null) return; // not due, or another node has it
        if (!_handlers.TryGetValue(job.Kind, out var handler))
        {
            await jobs.FailAsync(job, Node, $"No handler for jobs of kind '{job.Kind}' on this node.", clock.GetUtcNow().UtcDateTime.AddMinutes(1), CancellationToken.None);
            return;
        }

        using var busy = metrics.Busy();
        var timeout = TimeSpan.FromSeconds(options.Value.JobTimeoutSeconds);
        using var timer = new CancellationTokenSource(timeout, clock);
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(stopping, timer.Token, _release.Token);
        var started = clock.GetTimestamp();
        Interlocked.Increment(ref _running);
        logger.LogInformation("Job {JobId} ({Kind} of {SubjectId}) attempt {Attempt}/{MaxAttempts} started", job.Id, job.Kind, job.SubjectId, job.Attempts, job.MaxAttempts);
        try
        {
            var outcome = await handler.RunAsync(job, attempt.Token);
            if (outcome.HandedOffUntil is { } deadline)
            {
                // An external workflow has it now and calls back (Workflows.WorkflowCallbacks); the worker moves on.
                metrics.Finished(job.Kind, "handed_off", clock.GetElapsedTime(started));
                Interlocked.Increment(ref _finished);
                logger.LogInformation("Job {JobId} handed to the workflow; waiting for its callback until {Deadline:o}", job.Id, deadline);
                return;
            }
            // Recording the outcome is not cancellable: the work is done, it must not be lost.
            var done = await jobs.CompleteAsync(job, Node, outcome.Result, outcome.StillCurrent, CancellationToken.None);
            var elapsed = clock.GetElapsedTime(started);
            metrics.Finished(job.Kind, done?.Status ?? "lost", elapsed);
            Interlocked.Increment(ref _finished);
            logger.LogInformation("Job {JobId} {Status} in {ElapsedMs} ms", job.Id, done?.Status ?? "lost its lease", (long)elapsed.TotalMilliseconds);
        }
        catch (Exception) when (stopping.IsCancellationRequested || _release.IsCancellationRequested)
        {
            // The node is leaving, not the job failing (whatever the interrupted handler threw):
            // give it back for another node to run now.
            var released = await jobs.ReleaseAsync(job, Node, "Released: the node processing it shut down.", CancellationToken.None);
            if (released is { Status: ProcessingStates.Pending }) Interlocked.Increment(ref _released);
            logger.LogInformation("Job {JobId} ({Kind} of {SubjectId}) given back ({Status}): this node is shutting down", job.Id, job.Kind, job.SubjectId, released?.Status ?? "lost its lease");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || attempt.IsCancellationRequested)
        {
            var error = ex is OperationCanceledException ? $"Timed out after {timeout.TotalSeconds:0} s."
                : ex is AnalyzerOutputException ? ex.Message
                : $"{ex.GetType().Name}: {ex.Message}";
            var retryAt = clock.GetUtcNow().UtcDateTime + _retry.DelayAfter(job.Attempts);
            await jobs.FailAsync(job, Node, error, retryAt, CancellationToken.None);
            metrics.Finished(job.Kind, ProcessingStates.Failed, clock.GetElapsedTime(started));
            Interlocked.Increment(ref _finished);
            logger.LogWarning(ex, "Job {JobId} attempt {Attempt}/{MaxAttempts} failed: {Error}; retry at {RetryAt:o}",
                job.Id, job.Attempts, job.MaxAttempts, error, job.Attempts < job.MaxAttempts ? retryAt : null);
        }
        finally
        {
            Interlocked.Decrement(ref _running);
        }
    }

    /// <summary>Serialises a handler result the way results are stored (snake_case).</summary>
    public static JsonElement ToResult<T>(T value) => Data.Infrastructure.Json.ToElement(value);
}

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
/// policy. On shutdown the queue is closed and jobs in flight finish (or are recorded as
/// interrupted and retried at once). While the database is unreachable a worker reports it to
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

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            logger.LogInformation("Processing is disabled on this node (Processing:Enabled=false): jobs wait for another node");
            return Task.CompletedTask;
        }
        return Task.WhenAll(Enumerable.Range(0, options.Value.Workers).Select(_ => Task.Run(() => WorkAsync(stoppingToken), CancellationToken.None)));
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        queue.Complete();
        await base.StopAsync(cancellationToken);
    }

    private async Task WorkAsync(CancellationToken stopping)
    {
        var outageFailures = 0;
        try
        {
            while (await queue.TakeAsync(stopping) is { } key)
            {
                try
                {
                    await ProcessAsync(key, stopping);
                    outageFailures = 0;
                }
                catch (Exception ex) when (ex is not OperationCanceledException && database.ReportFailure(ex))
                {
                    await Task.Delay(database.BackoffDelay(++outageFailures, TimeSpan.FromMilliseconds(options.Value.SweepIntervalMs)), clock, stopping);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !stopping.IsCancellationRequested)
                {
                    // A database hiccup while claiming or recording: the job stays pending or its
                    // lease expires, and the sweeper brings it back. The worker carries on.
                    logger.LogError(ex, "Job for {Kind} {SubjectId} could not be processed; it will be retried", key.Kind, key.SubjectId);
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
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
            await jobs.FailAsync(job, Node, $"No handler for jobs of kind '{job.Kind}' on this node.", clock.GetUtcNow().UtcDateTime.AddMinutes(1), interrupted: false, CancellationToken.None);
            return;
        }

        using var busy = metrics.Busy();
        var timeout = TimeSpan.FromSeconds(options.Value.JobTimeoutSeconds);
        using var timer = new CancellationTokenSource(timeout, clock);
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(stopping, timer.Token);
        var started = clock.GetTimestamp();
        logger.LogInformation("Job {JobId} ({Kind} of {SubjectId}) attempt {Attempt}/{MaxAttempts} started", job.Id, job.Kind, job.SubjectId, job.Attempts, job.MaxAttempts);
        try
        {
            var outcome = await handler.RunAsync(job, attempt.Token);
            // Recording the outcome is not cancellable: the work is done, it must not be lost.
            var done = await jobs.CompleteAsync(job, Node, outcome.Result, outcome.StillCurrent, CancellationToken.None);
            var elapsed = clock.GetElapsedTime(started);
            metrics.Finished(job.Kind, done?.Status ?? "lost", elapsed);
            logger.LogInformation("Job {JobId} {Status} in {ElapsedMs} ms", job.Id, done?.Status ?? "lost its lease", (long)elapsed.TotalMilliseconds);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stopping.IsCancellationRequested || attempt.IsCancellationRequested)
        {
            var interrupted = stopping.IsCancellationRequested;
            var error = interrupted ? "Interrupted by the node shutting down."
                : ex is OperationCanceledException ? $"Timed out after {timeout.TotalSeconds:0} s."
                : ex is AnalyzerOutputException ? ex.Message
                : $"{ex.GetType().Name}: {ex.Message}";
            var retryAt = clock.GetUtcNow().UtcDateTime + (interrupted ? TimeSpan.Zero : _retry.DelayAfter(job.Attempts));
            await jobs.FailAsync(job, Node, error, retryAt, interrupted, CancellationToken.None);
            metrics.Finished(job.Kind, ProcessingStates.Failed, clock.GetElapsedTime(started));
            logger.LogWarning(ex, "Job {JobId} attempt {Attempt}/{MaxAttempts} failed: {Error}; retry at {RetryAt:o}",
                job.Id, job.Attempts, job.MaxAttempts, error, job.Attempts < job.MaxAttempts ? retryAt : null);
        }
    }

    /// <summary>Serialises a handler result the way results are stored (snake_case).</summary>
    public static JsonElement ToResult<T>(T value) => Data.Infrastructure.Json.ToElement(value);
}

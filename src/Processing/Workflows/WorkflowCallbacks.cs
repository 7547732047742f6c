using System.Text.Json;
using Conflicto.Data.Processing;
using Conflicto.Processing.Analysis;
using Conflicto.Processing.OpenAI;
using Conflicto.Processing.Pipeline;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Conflicto.Processing.Workflows;

/// <summary>
/// Takes a workflow's callback: the token must be the one issued for this job's running attempt
/// (else nothing changes), and a <c>completed</c> result must pass the same checks as an OpenAI
/// answer; it is then stored through <see cref="JobStore"/>'s guarded updates like a local result.
/// An invalid result uses the token up and fails the attempt (retried), like an invalid model answer.
/// </summary>
public sealed class WorkflowCallbacks(JobStore jobs, IOptions<ProcessingOptions> processing, TimeProvider clock, ILogger<WorkflowCallbacks> logger)
{
    /// <summary>The analyzer / enricher name in results the workflow produced.</summary>
    public const string Analyzer = "workflow";

    private readonly RetryPolicy _retry = new(
        TimeSpan.FromMilliseconds(processing.Value.RetryBaseDelayMs), TimeSpan.FromMilliseconds(processing.Value.RetryMaxDelayMs));

    /// <summary>Whether the token opens this job's running attempt; nothing is changed.</summary>
    public Task<CallbackResult> CheckAsync(Guid jobId, string token, CancellationToken ct) =>
        jobs.CheckCallbackAsync(jobId, CallbackTokens.IsWellFormed(token) ? CallbackTokens.Hash(token) : null, ct);

    /// <summary>
    /// Applies a callback that <see cref="CheckAsync"/> let through. <paramref name="invalid"/> is
    /// the reason a completed result was refused (the attempt then failed), else null.
    /// </summary>
    public async Task<(CallbackResult Result, string? Invalid)> ApplyAsync(
        JobRow job, string token, bool completed, JsonElement? result, string? error, CancellationToken ct)
    {
        string? invalid = null;
        JsonElement? stored = null;
        if (completed)
        {
            try
            {
                stored = await ReadResultAsync(job.Kind, result!.Value, ct);
            }
            catch (AnalyzerOutputException e)
            {
                invalid = e.Message;
            }
        }
        var status = invalid is not null ? WorkflowOutcomes.Invalid : completed ? WorkflowOutcomes.Completed : WorkflowOutcomes.Failed;
        var reason = invalid ?? (completed ? null : $"The workflow reported a failure: {error}");
        var retryAt = clock.GetUtcNow().UtcDateTime + _retry.DelayAfter(Math.Max(1, job.Attempts));
        var applied = await jobs.ApplyCallbackAsync(job.Id, job.SessionId, CallbackTokens.Hash(token), status, stored, reason, retryAt, ct);
        if (applied.Verdict == CallbackVerdict.Applied)
            logger.LogInformation("Workflow callback for job {JobId} attempt {Attempt} applied: {Outcome}, the job is {Status}{Reason}",
                job.Id, applied.Attempt?.Attempt, applied.Detail, applied.Job?.Status, reason is null ? "" : $" ({reason})");
        return (applied, applied.Verdict == CallbackVerdict.Applied ? invalid : null);
    }

    /// <summary>The workflow's result read like a model's answer; throws <see cref="AnalyzerOutputException"/> listing every problem.</summary>
    public static async Task<JsonElement> ReadResultAsync(string kind, JsonElement result, CancellationToken ct) =>
        kind == JobKinds.ActivityAnalysis
            ? ProcessingWorkers.ToResult(await RenderAnswer.MapAsync(result, Analyzer, ct, source: "workflow"))
            : ProcessingWorkers.ToResult(EnrichmentAnswer.Map(result, Analyzer, source: "workflow"));
}

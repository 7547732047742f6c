using System.Text.Json;
using Conflicto.Data.Activities;
using Conflicto.Data.Processing;
using Conflicto.Data.Responses;
using Conflicto.Processing.ActivityTypes;
using Conflicto.Processing.Analysis;
using Conflicto.Processing.Enrichment;
using Conflicto.Processing.Pipeline;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Conflicto.Processing.Workflows;

/// <summary>
/// Hands one job to the external workflow: opens the attempt (one-time token stored hashed, lease
/// moved to the callback deadline), then posts the subject (the same input the local analyzers
/// get). A 2xx frees the worker and the job stays <c>processing</c> until the callback
/// (<see cref="WorkflowCallbacks"/>) or the deadline (the sweeper fails it). Any other answer, or
/// none in time, is a failed attempt.
/// </summary>
public sealed class WorkflowJobHandler(
    string kind, ActivityStore activities, ResponseStore responses, JobStore jobs, WorkflowClient client,
    IOptions<WorkflowOptions> options, ILogger<WorkflowJobHandler> logger) : IJobHandler
{
    public string Kind => kind;

    public async Task<JobOutcome> RunAsync(JobRow job, CancellationToken ct)
    {
        var subject = kind == JobKinds.ActivityAnalysis ? await AnalysisSubjectAsync(job, ct) : await EnrichmentSubjectAsync(job, ct);
        if (subject is null) return new JobOutcome(Data.Infrastructure.Json.EmptyObject, null); // gone: the store ends the job skipped

        var o = options.Value;
        var (token, hash) = CallbackTokens.Create();
        var attempt = await jobs.OpenWorkflowAttemptAsync(job, ProcessingWorkers.Node, hash, subject.Value.Hash, TimeSpan.FromSeconds(o.CallbackTimeoutSeconds), ct)
            ?? throw new AnalyzerOutputException("The job was reclaimed before it could be posted to the workflow.");
        var post = new WorkflowPost(job.Id, kind, job.Attempts, subject.Value.Input, WorkflowSchemas.For(kind), o.CallbackUrl(job.Id), token, attempt.Deadline);

        int? status = null;
        string? error = null;
        try
        {
            status = await client.PostAsync(post, ct);
            if (status is < 200 or > 299) error = $"The workflow answered the post with HTTP {status}.";
        }
        catch (AnalyzerOutputException e)
        {
            error = e.Message;
        }
        await jobs.RecordWorkflowPostAsync(attempt.Id, status, error, failed: error is not null, CancellationToken.None);
        if (error is not null) throw new AnalyzerOutputException(error);
        logger.LogInformation("Job {JobId} attempt {Attempt} posted to the workflow (HTTP {Status}); waiting for its callback until {Deadline:o}",
            job.Id, job.Attempts, status, attempt.Deadline);
        return JobOutcome.HandedOff(attempt.Deadline);
    }

    /// <summary>What the analyzers get: the type, the title and the configuration without host-only keys; hashed as the cache does.</summary>
    private async Task<(JsonElement Input, string Hash)?> AnalysisSubjectAsync(JobRow job, CancellationToken ct)
    {
        if (await activities.GetAsync(job.SubjectId, ct) is not { } activity) return null;
        var visible = HostOnlyConfiguration.ForEveryone(activity.ActivityType, activity.Configuration);
        var input = Data.Infrastructure.Json.ToElement(new { activity_type = activity.ActivityType, title = activity.Title, configuration = visible });
        return (input, AnalysisHash.Of(activity.ActivityType, activity.Configuration));
    }

    /// <summary>What the enrichers get: the activity type and the response's free text.</summary>
    private async Task<(JsonElement Input, string Hash)?> EnrichmentSubjectAsync(JobRow job, CancellationToken ct)
    {
        var response = await responses.GetAsync(job.SubjectId, ct);
        var activity = response is null ? null : await activities.GetAsync(response.ActivityId, ct);
        if (response is null || activity is null) return null;
        var text = FreeText.Extract(activity.ActivityType, response.ResponseData)
            ?? throw new AnalyzerOutputException("The response has no free text to enrich.");
        var input = Data.Infrastructure.Json.ToElement(new { activity_type = activity.ActivityType, text });
        return (input, WorkflowSubjectHash.OfResponse(response.ResponseData));
    }
}

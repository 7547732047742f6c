using Conflicto.Data.Activities;
using Conflicto.Data.Processing;
using Conflicto.Data.Responses;
using Conflicto.Processing.ActivityTypes;
using Conflicto.Processing.Results;
using Conflicto.Server.Access;
using Conflicto.Server.Infrastructure;
using Conflicto.Server.OpenApi;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Conflicto.Server.Processing;

/// <summary>Processing status of activities, manual retry, the job log, and the host's moderation decisions.</summary>
public static class ProcessingEndpoints
{
    public static RouteGroupBuilder MapProcessingEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1").WithTags("Processing");
        group.MapGet("/activities/{activityId}/processing", GetAsync).WithName("GetActivityProcessing").AcceptsAdminCode().ProducesProblems(404)
            .WithSummary("An activity's analysis: status, attempts, error and the rendered schema");
        group.MapPost("/activities/{activityId}/processing/retry", RetryAsync).WithName("RetryActivityProcessing").RequiresAdminCode().ProducesProblems(404, 409)
            .WithSummary("Run an activity's analysis again")
            .WithDescription("A failed analysis is retried now; a finished one is run again. 409 while one is pending or running.");
        group.MapGet("/jobs", ListJobsAsync).WithName("ListJobs").RequiresAdminCode()
            .WithSummary("The job log of the host's session, most recent first");
        group.MapGet("/jobs/{jobId}", GetJobAsync).WithName("GetJob").RequiresAdminCode().ProducesProblems(404)
            .WithSummary("One job of the host's session");
        group.MapPost("/responses/{responseId}/moderation", ModerateAsync).WithName("ModerateResponse").RequiresAdminCode().ProducesProblems(404, 409)
            .WithSummary("Approve or reject a response (moderation)");
        group.MapPut("/responses/{responseId}/qa", MarkQuestionAsync).WithName("MarkQuestion").RequiresAdminCode().ProducesProblems(404, 409)
            .WithSummary("Pin a Q&A question, or mark it answered");
        group.MapWorkflowCallback();
        return group;
    }

    public static async Task<Results<Ok<ActivityProcessingResponse>, ProblemHttpResult>> GetAsync(
        Guid activityId, Caller caller, JobQueries jobs, CancellationToken ct)
    {
        // A draft's schema_render is its content (a quiz's question and answers): the host's only.
        if (await jobs.ActivityAnalysisAsync(activityId, ct) is not { } found || !DraftRules.Shows(found.Activity, caller))
            return Problems.NotFound($"Activity {activityId} not found.");
        var (activity, job) = found;
        return TypedResults.Ok(new ActivityProcessingResponse(
            activity.Id, activity.ProcessingStatus, job?.Id, job?.Attempts ?? 0, job?.MaxAttempts, job?.Error,
            activity.SchemaRender, activity.ProcessedAt, job is { Status: ProcessingStates.Failed } && job.Attempts < job.MaxAttempts ? job.NextAttemptAt : null));
    }

    /// <summary>
    /// Host: a failed analysis is retried now (one more attempt); a finished one is run again
    /// (e.g. after switching analyzers). 409 while one is pending or running.
    /// </summary>
    public static async Task<Results<Accepted<ActivityProcessingResponse>, ProblemHttpResult>> RetryAsync(
        Guid activityId, Caller caller, ActivityStore activities, JobQueries queries, JobStore jobs, IOptions<JobOptions> options, CancellationToken ct)
    {
        var (activity, problem) = await Activities.HostedActivity.FindAsync(activities, caller, activityId, ct);
        if (activity is null) return problem!; // FindAsync gives a problem exactly when no activity
        var latest = await queries.LatestForSubjectAsync(JobKinds.ActivityAnalysis, activityId, ct);
        if (latest is { Status: ProcessingStates.Pending or ProcessingStates.Processing })
            return Problems.Conflict($"The analysis is already {latest.Status}.");
        var job = latest is { Status: ProcessingStates.Failed }
            ? await jobs.RetryNowAsync(latest.Id, activity.SessionId, ct)
            : await jobs.RequeueSubjectAsync(JobKinds.ActivityAnalysis, activityId, activity.SessionId, options.Value.MaxAttempts, ct);
        if (job is null) return Problems.Conflict("The analysis changed state meanwhile; read its status and try again.");
        return TypedResults.Accepted($"/api/v1/activities/{activityId}/processing", new ActivityProcessingResponse(
            activity.Id, ProcessingStates.Pending, job.Id, job.Attempts, job.MaxAttempts, null, activity.SchemaRender, activity.ProcessedAt, job.NextAttemptAt));
    }

    /// <summary>The job log of the host's session, most recent first.</summary>
    public static async Task<Results<Ok<JobList>, ProblemHttpResult>> ListJobsAsync(
        string? status, int? limit, int? offset, Caller caller, JobQueries jobs, CancellationToken ct)
    {
        if (caller.HostOf is not { } sessionId) return HostOnly(caller);
        var v = Paging.Check(offset, limit, 50, out var paging)
            .AddIf(status is not null && !ProcessingStates.IsKnown(status), "status", $"status must be one of: {string.Join(", ", ProcessingStates.All)}");
        if (!v.IsValid) return v.ToProblem();
        var (rows, total) = await jobs.ListAsync(sessionId, status, paging.Limit, paging.Offset, ct);
        var external = await jobs.WorkflowAttemptsAsync(rows.Select(r => r.Id).ToList(), ct);
        return TypedResults.Ok(new JobList(rows.Select(r => JobResponse.From(r, external[r.Id])).ToList(), total, paging.Limit, paging.Offset));
    }

    public static async Task<Results<Ok<JobResponse>, ProblemHttpResult>> GetJobAsync(Guid jobId, Caller caller, JobQueries jobs, CancellationToken ct)
    {
        if (caller.HostOf is not { } sessionId) return HostOnly(caller);
        // Another session's job is reported missing rather than forbidden: its existence is not the caller's business.
        if (await jobs.GetAsync(jobId, ct) is not { } job || job.SessionId != sessionId) return Problems.NotFound($"Job {jobId} not found.");
        var external = await jobs.WorkflowAttemptsAsync([job.Id], ct);
        return TypedResults.Ok(JobResponse.From(job, external[job.Id]));
    }

    /// <summary>Host: approve or reject a response; the decision takes effect on the results of any activity, moderated or not.</summary>
    public static async Task<Results<Ok<ModerationResponse>, ProblemHttpResult>> ModerateAsync(
        Guid responseId, ModerationRequest body, Caller caller, ResponseStore responses, CancellationToken ct)
    {
        if (await responses.GetAsync(responseId, ct) is not { } response) return Problems.NotFound($"Response {responseId} not found.");
        if (AccessRules.Host(caller, response.SessionId) is { } denied) return denied;
        if (body.Decision is not ("approve" or "reject")) return Validation.Problem("decision", "decision must be 'approve' or 'reject'");
        var result = await responses.OverrideModerationAsync(responseId, body.Decision, ct);
        return result.Value is { } row
            ? TypedResults.Ok(new ModerationResponse(row.Id, row.ModerationVerdict, row.ModerationReason, body.Decision))
            : Problems.From(result);
    }

    /// <summary>
    /// Host: pin a Q&amp;A question to the top (unpinning the activity's previous one) or mark it
    /// answered (the archive), in any state of the activity. Only questions of a <c>qa</c> /
    /// <c>qna</c> activity have these marks; an upvote or another activity's response is refused.
    /// </summary>
    public static async Task<Results<Ok<QaMarkResponse>, ProblemHttpResult>> MarkQuestionAsync(
        Guid responseId, QaMarkRequest body, Caller caller, ResponseStore responses, ActivityStore activities, CancellationToken ct)
    {
        if (await responses.GetAsync(responseId, ct) is not { } response) return Problems.NotFound($"Response {responseId} not found.");
        if (AccessRules.Host(caller, response.SessionId) is { } denied) return denied;
        var v = new Validation();
        foreach (var name in body.Other?.Keys ?? Enumerable.Empty<string>()) v.Add(name, $"{name} is not a field of this request: send pinned, answered or both");
        if (!v.IsValid) return v.ToProblem();
        v.AddIf(body.Pinned is null && body.Answered is null, "body", "send pinned, answered or both (true or false)")
            .AddIf(body.Pinned == true && body.Answered == true, "pinned", "a question cannot be pinned and answered at once: answering moves it to the archive");
        if (!v.IsValid) return v.ToProblem();
        // Checked outside the session lock: should its author edit the question into an upvote
        // meanwhile, the mark lands on an upvote, which the results ignore. Harmless, so no re-check.
        var activity = await activities.GetAsync(response.ActivityId, ct);
        if (activity is null) return Problems.NotFound($"Response {responseId} not found.");
        if (!ConfigKeys.IsQa(activity.ActivityType))
            return Validation.Problem("response", $"Only questions of a Q&A activity can be pinned or answered; this response belongs to a {activity.ActivityType} activity.");
        if (QaResults.QuestionText(response.ResponseData) is null)
            return Validation.Problem("response", "This response is an upvote, not a question: only questions can be pinned or answered.");
        var result = await responses.MarkQuestionAsync(responseId, body.Pinned, body.Answered, ct);
        return result.Value is { } row ? TypedResults.Ok(new QaMarkResponse(row.Id, row.Pinned, row.Answered)) : Problems.From(result);
    }

    /// <summary>The job log is its host's: the caller hosts no session (<see cref="AccessRules.Deny"/>).</summary>
    private static ProblemHttpResult HostOnly(Caller caller) => AccessRules.Deny(caller, Need.Host).ToProblem();
}

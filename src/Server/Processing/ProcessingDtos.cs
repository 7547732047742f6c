using System.Text.Json;
using Conflicto.Data.Processing;

namespace Conflicto.Server.Processing;

public sealed record ActivityProcessingResponse(
    Guid ActivityId, string ProcessingStatus, Guid? JobId, int Attempts, int? MaxAttempts, string? Error,
    JsonElement? SchemaRender, DateTime? ProcessedAt, DateTime? NextAttemptAt);

/// <param name="WorkflowAttempts">The attempts handed to an external workflow (empty for jobs done on the node), oldest first.</param>
public sealed record JobResponse(
    Guid Id, string Kind, Guid SubjectId, int SessionId, string Status, int Attempts, int MaxAttempts,
    DateTime CreatedAt, DateTime? StartedAt, DateTime? CompletedAt, DateTime NextAttemptAt, JsonElement? Result, string? Error,
    IReadOnlyList<WorkflowAttemptResponse> WorkflowAttempts)
{
    public static JobResponse From(JobRow j, IEnumerable<WorkflowAttemptRow> attempts) => new(
        j.Id, j.Kind, j.SubjectId, j.SessionId, j.Status, j.Attempts, j.MaxAttempts, j.CreatedAt, j.StartedAt, j.CompletedAt, j.NextAttemptAt, j.Result, j.Error,
        attempts.Select(WorkflowAttemptResponse.From).ToList());
}

public sealed record JobList(IReadOnlyList<JobResponse> Jobs, int Total, int Limit, int Offset);

public sealed record ModerationRequest(string? Decision);

public sealed record ModerationResponse(Guid ResponseId, string? ModerationVerdict, string? ModerationReason, string? ModerationOverride);

/// <summary>The host's marks on a Q&amp;A question; a mark left out (or null) stays as it is.</summary>
public sealed record QaMarkRequest(bool? Pinned = null, bool? Answered = null)
{
    /// <summary>Any other field, refused with a 422 that names it (a typo must not pass as "nothing to change").</summary>
    [System.Text.Json.Serialization.JsonExtensionData]
    public Dictionary<string, JsonElement>? Other { get; init; }
}

public sealed record QaMarkResponse(Guid Id, bool Pinned, bool Answered);

/// <summary>
/// One attempt of a job handed to an external workflow, in the job log. <c>state</c>: <c>posting</c>
/// (no answer to the post yet), <c>waiting_for_callback</c> (the workflow took it; the job stays
/// processing until <c>deadline</c>), or how it ended: <c>completed</c>, <c>skipped</c> (the subject
/// changed meanwhile), <c>failed</c> (the workflow said so), <c>invalid</c> (its result failed the
/// checks), <c>post_failed</c>, <c>timed_out</c> (no callback by the deadline), <c>superseded</c>.
/// </summary>
public sealed record WorkflowAttemptResponse(
    int Attempt, string State, DateTime PostedAt, DateTime Deadline, int? HttpStatus, DateTime? RespondedAt, string? PostError,
    DateTime? CallbackAt, string? CallbackStatus, string? Detail)
{
    public static WorkflowAttemptResponse From(WorkflowAttemptRow a) => new(
        a.Attempt, a.Outcome ?? (a.RespondedAt is null ? "posting" : "waiting_for_callback"), a.PostedAt, a.Deadline, a.HttpStatus, a.RespondedAt,
        a.PostError, a.CallbackAt, a.CallbackStatus, a.OutcomeDetail);
}

/// <summary>
/// A workflow's answer to the job it was handed: <c>{"status": "completed", "result": {…}}</c> with
/// the result in <c>expected_result_schema</c>'s shape, or <c>{"status": "failed", "error": "why"}</c>.
/// </summary>
public sealed record WorkflowCallbackRequest(string? Status, JsonElement? Result, string? Error);

/// <summary>What the callback did: <c>outcome</c> completed, skipped (the subject changed since the post), failed; <c>job_status</c> the job's status now.</summary>
public sealed record WorkflowCallbackResponse(Guid JobId, int Attempt, string Outcome, string JobStatus);

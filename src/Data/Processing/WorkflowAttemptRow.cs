namespace Conflicto.Data.Processing;

/// <summary>One attempt of a job handed to an external workflow (table <c>workflow_attempts</c>).</summary>
public sealed record WorkflowAttemptRow
{
    public long Id { get; init; }
    public Guid JobId { get; init; }
    public int Attempt { get; init; }
    public byte[] TokenHash { get; init; } = [];
    public string SubjectHash { get; init; } = "";
    public DateTime PostedAt { get; init; }
    public DateTime Deadline { get; init; }
    public int? HttpStatus { get; init; }
    public DateTime? RespondedAt { get; init; }
    public string? PostError { get; init; }
    public DateTime? CallbackAt { get; init; }
    public string? CallbackStatus { get; init; }
    public string? Outcome { get; init; }
    public string? OutcomeDetail { get; init; }
    public DateTime? ClosedAt { get; init; }

    /// <summary>Seconds the workflow had to call back, from the post.</summary>
    public int WindowSeconds => (int)Math.Round((Deadline - PostedAt).TotalSeconds);
}

/// <summary>What an attempt ended as (<see cref="WorkflowAttemptRow.Outcome"/>).</summary>
public static class WorkflowOutcomes
{
    public const string Completed = "completed";
    public const string Skipped = "skipped";
    public const string Failed = "failed";
    public const string Invalid = "invalid";
    public const string PostFailed = "post_failed";
    public const string TimedOut = "timed_out";
    public const string Superseded = "superseded";
}

/// <summary>How a workflow's callback was taken: <see cref="Applied"/>, or why not (each a distinct HTTP answer).</summary>
public enum CallbackVerdict
{
    Applied,
    UnknownJob,
    WrongToken,
    AlreadyUsed,
    Expired,
}

/// <summary>The answer to a callback: its verdict, the job as it is now, and the attempt the token named.</summary>
public sealed record CallbackResult(CallbackVerdict Verdict, string Detail, JobRow? Job = null, WorkflowAttemptRow? Attempt = null);

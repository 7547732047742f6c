using System.Text.Json;

namespace Conflicto.Data.Processing;

public sealed record JobRow
{
    public Guid Id { get; init; }
    public string Kind { get; init; } = "";
    public Guid SubjectId { get; init; }
    public int SessionId { get; init; }
    public string Status { get; init; } = ProcessingStates.Pending;
    public int Attempts { get; init; }
    public int MaxAttempts { get; init; }
    public DateTime NextAttemptAt { get; init; }
    public DateTime? LeaseUntil { get; init; }
    public string? ClaimedBy { get; init; }
    public JsonElement? Result { get; init; }
    public string? Error { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime? StartedAt { get; init; }
    public DateTime? CompletedAt { get; init; }
    public DateTime UpdatedAt { get; init; }
}

/// <summary>Event payload of a subject's processing status change.</summary>
/// <param name="State">For an activity analysis, the activity's state when the event was written (absent on response events).</param>
public sealed record ProcessingPayload(
    string Kind, Guid SubjectId, Guid? ActivityId, Guid JobId, string ProcessingStatus, int Attempts, string? Error,
    JsonElement? Result, DateTime? ProcessedAt,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? State = null);

/// <summary>Counts for queue health.</summary>
public sealed record JobCounts(int Pending, int Processing, int Failed, int Completed, int Skipped, DateTime? OldestPendingAt, int FailedLastHour);

using System.Text.Json;

namespace Conflicto.Data.Responses;

public sealed record ResponseRow
{
    public Guid Id { get; init; }
    public int SessionId { get; init; }
    public Guid ActivityId { get; init; }
    public int ParticipantId { get; init; }
    public JsonElement ResponseData { get; init; }
    public long ChangeSeq { get; init; }
    /// <summary>The seq of its <c>response.added</c> event: the ack's seq, also when a retry is answered later.</summary>
    public long CreatedSeq { get; init; }
    public string ProcessingStatus { get; init; } = "not_processed";
    /// <summary>The enricher's verdict (approve / flag), once enriched.</summary>
    public string? ModerationVerdict { get; init; }
    public string? ModerationReason { get; init; }
    /// <summary>The host's decision (approve / reject), which beats the verdict.</summary>
    public string? ModerationOverride { get; init; }
    /// <summary>Recorded when the response was written and never changed: reads, results and events hide its author by this flag, not by the activity's current configuration.</summary>
    public bool Anonymous { get; init; }
    /// <summary>A Q&amp;A question the host pinned to the top (one per activity).</summary>
    public bool Pinned { get; init; }
    /// <summary>A Q&amp;A question the host marked answered (moved to the archive).</summary>
    public bool Answered { get; init; }
    /// <summary>The enricher's findings (sentiment, topics, …) once enriched; read where results use them (open text).</summary>
    public JsonElement? Enrichment { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; init; }
}

/// <param name="SingleSlot">One answer per participant (a second one is refused, not added).</param>
/// <param name="IdempotencyKey">A client's key for this submission: a retry with it returns the first answer.</param>
/// <param name="Enrich">Free text to enrich and moderate (a job is queued with the response).</param>
/// <param name="ValidatedAgainst">The activity's <c>updated_at</c> when the response was validated; the write refuses it as stale when the activity has changed since.</param>
/// <param name="Rule">A limit across the participant's responses to the activity, checked under the session lock.</param>
public sealed record NewResponse(Guid ActivityId, int ParticipantId, JsonElement ResponseData, bool SingleSlot, string? IdempotencyKey, bool Enrich = false, DateTime? ValidatedAgainst = null,
    IParticipantRule? Rule = null);

/// <summary>The stored response, and whether it was an earlier one returned for a retried idempotency key.</summary>
public sealed record SubmittedResponse(ResponseRow Response, bool Replayed);

public sealed record ResponseSummary(int TotalResponses, int UniqueParticipants, DateTime? LastUpdated);

/// <summary>
/// Response event payload, as stored in the log: the full truth, with <see cref="Anonymous"/>
/// telling readers to hide <see cref="ParticipantId"/>. Nothing leaves the server without passing
/// the realtime layer's redaction, which enforces that.
/// </summary>
public sealed record ResponsePayload(
    Guid Id, Guid ActivityId, int ParticipantId, bool Anonymous, JsonElement? ResponseData, string ProcessingStatus, DateTime CreatedAt, DateTime UpdatedAt)
{
    public static ResponsePayload From(ResponseRow row, bool anonymous, bool includeData = true) => new(
        row.Id, row.ActivityId, row.ParticipantId, anonymous, includeData ? row.ResponseData : null, row.ProcessingStatus, row.CreatedAt, row.UpdatedAt);
}

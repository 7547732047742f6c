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
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; init; }
}

/// <param name="SingleSlot">One answer per participant (a second one is refused, not added).</param>
/// <param name="IdempotencyKey">A client's key for this submission: a retry with it returns the first answer.</param>
public sealed record NewResponse(Guid ActivityId, int ParticipantId, JsonElement ResponseData, bool SingleSlot, string? IdempotencyKey);

/// <summary>The stored response, and whether it was an earlier one returned for a retried idempotency key.</summary>
public sealed record SubmittedResponse(ResponseRow Response, bool Replayed);

public sealed record ResponseSummary(int TotalResponses, int UniqueParticipants, DateTime? LastUpdated);

/// <summary>
/// Response event payload. The log keeps the author even for anonymous activities: readers get
/// events only through the server's redaction, which shows <see cref="ParticipantId"/> of an
/// <see cref="Anonymous"/> response to its author alone.
/// </summary>
public sealed record ResponsePayload(Guid Id, Guid ActivityId, int? ParticipantId, bool Anonymous, JsonElement? ResponseData, DateTime CreatedAt, DateTime UpdatedAt)
{
    public static ResponsePayload From(ResponseRow row, bool anonymous, bool includeData = true) => new(
        row.Id, row.ActivityId, row.ParticipantId, anonymous, includeData ? row.ResponseData : null, row.CreatedAt, row.UpdatedAt);
}

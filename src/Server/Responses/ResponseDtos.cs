using System.Text.Json;
using Conflicto.Data.Responses;

namespace Conflicto.Server.Responses;

public sealed record UserResponseCreate(JsonElement? ResponseData);

/// <summary>A response. <c>participant_id</c> is null when the activity is anonymous and the reader is not its author.</summary>
/// <param name="Enrichment">What the enricher found (sentiment, topics, moderation): listed for the session's host only, null for everyone else and until enriched.</param>
public sealed record UserResponse(JsonElement ResponseData, Guid Id, int SessionId, Guid ActivityId, int? ParticipantId, DateTime CreatedAt, DateTime UpdatedAt, long Cursor, JsonElement? Enrichment = null)
{
    public static UserResponse From(ResponseRow row, bool revealParticipant, bool withEnrichment = false) => new(
        row.ResponseData, row.Id, row.SessionId, row.ActivityId, revealParticipant ? row.ParticipantId : null, row.CreatedAt, row.UpdatedAt, row.ChangeSeq,
        withEnrichment ? row.Enrichment : null);
}

public sealed record UserResponseSummary(int TotalResponses, int UniqueParticipants, DateTime? LastUpdated);

public sealed record UserResponseList(IReadOnlyList<UserResponse> Responses, UserResponseSummary Summary, int Offset, int Limit);

/// <summary>
/// Responses changed since a point. To page on, pass <c>next_cursor</c> as <c>?cursor=</c> (or
/// <c>next_since</c> as the timestamp): both are safe against rows that commit late.
/// </summary>
public sealed record IncrementalResponseList(IReadOnlyList<UserResponse> Items, DateTime Since, int Count, long? NextCursor, DateTime NextSince, bool HasMore);

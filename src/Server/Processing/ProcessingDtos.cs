using System.Text.Json;
using Conflicto.Data.Processing;

namespace Conflicto.Server.Processing;

public sealed record ActivityProcessingResponse(
    Guid ActivityId, string ProcessingStatus, Guid? JobId, int Attempts, int? MaxAttempts, string? Error,
    JsonElement? SchemaRender, DateTime? ProcessedAt, DateTime? NextAttemptAt);

public sealed record JobResponse(
    Guid Id, string Kind, Guid SubjectId, int SessionId, string Status, int Attempts, int MaxAttempts,
    DateTime CreatedAt, DateTime? StartedAt, DateTime? CompletedAt, DateTime NextAttemptAt, JsonElement? Result, string? Error)
{
    public static JobResponse From(JobRow j) => new(
        j.Id, j.Kind, j.SubjectId, j.SessionId, j.Status, j.Attempts, j.MaxAttempts, j.CreatedAt, j.StartedAt, j.CompletedAt, j.NextAttemptAt, j.Result, j.Error);
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

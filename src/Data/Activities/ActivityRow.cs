using System.Text.Json;

namespace Conflicto.Data.Activities;

/// <summary>An activity as stored; also the payload of activity events (it holds nothing secret).</summary>
public sealed record ActivityRow
{
    public Guid Id { get; init; }
    public int SessionId { get; init; }
    public string ActivityType { get; init; } = "";
    public string Title { get; init; } = "";
    public string? Description { get; init; }
    public JsonElement Configuration { get; init; }
    public JsonElement ActivityMetadata { get; init; }
    public string Status { get; init; } = LegacyStatuses.Draft;
    public string State { get; init; } = ActivityStates.Draft;
    public int OrderIndex { get; init; }
    public DateTime? StartedAt { get; init; }
    public DateTime? CompletedAt { get; init; }
    public DateTime? ExpiresAt { get; init; }
    public string ProcessingStatus { get; init; } = "not_processed";
    public JsonElement? SchemaRender { get; init; }
    public DateTime? ProcessedAt { get; init; }
    public int ResponseCount { get; init; }
    public DateTime? LastResponseAt { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; init; }
}

public sealed record NewActivity(
    string ActivityType, string Title, string? Description, JsonElement Configuration,
    JsonElement ActivityMetadata, int OrderIndex, string State, string Status);

/// <summary>A partial update; null leaves a field unchanged.</summary>
public sealed record ActivityPatch(
    string? ActivityType = null, string? Title = null, string? Description = null, JsonElement? Configuration = null,
    JsonElement? ActivityMetadata = null, int? OrderIndex = null, string? LegacyStatus = null);

public sealed record ActivityDeleted(Guid Id, int SessionId);

using System.Text.Json;
using Conflicto.Data.Activities;
using Conflicto.Server.OpenApi;

namespace Conflicto.Server.Activities;

/// <summary>
/// One activity in every shape clients know: the legacy Activity (<c>type</c>, <c>config</c>,
/// <c>status</c>), the framework view (<c>activity_type</c>, <c>configuration</c>, <c>state</c>,
/// <c>activity_metadata</c>) and the session detail's ActivityResponse (<c>is_active</c>).
/// <c>config</c> and <c>configuration</c> are the same document.
/// </summary>
public sealed record ActivityDto(
    Guid Id, int SessionId, string Type, JsonElement Config, int OrderIndex, string Status,
    DateTime CreatedAt, DateTime UpdatedAt,
    string ActivityType, string Title, string? Description, JsonElement Configuration, JsonElement ActivityMetadata,
    string State, bool IsActive, DateTime? StartedAt, DateTime? CompletedAt, DateTime? ExpiresAt,
    int ResponseCount, DateTime? LastResponseAt, string ProcessingStatus, JsonElement? SchemaRender, DateTime? ProcessedAt)
{
    public static ActivityDto From(ActivityRow a) => new(
        a.Id, a.SessionId, a.ActivityType, a.Configuration, a.OrderIndex, a.Status, a.CreatedAt, a.UpdatedAt,
        a.ActivityType, a.Title, a.Description, a.Configuration, a.ActivityMetadata,
        a.State, a.State == ActivityStates.Active, a.StartedAt, a.CompletedAt, a.ExpiresAt,
        a.ResponseCount, a.LastResponseAt, a.ProcessingStatus, a.SchemaRender, a.ProcessedAt);
}

/// <summary>Each activity is an <see cref="ActivityDto"/>, or a draft's <see cref="Access.DraftStub"/> for anyone but the host.</summary>
public sealed record ActivityList([property: OneOf(typeof(ActivityDto), typeof(Access.DraftStub))] IReadOnlyList<object> Activities, int Total);

public sealed record ActivityCreate(string? Type, JsonElement? Config = null, int? OrderIndex = null, string? Status = null);

public sealed record ActivityUpdate(string? Type = null, JsonElement? Config = null, int? OrderIndex = null, string? Status = null);

public sealed record FrameworkActivityCreate(
    string? ActivityType, string? Title, string? Description = null, JsonElement? Configuration = null, JsonElement? ActivityMetadata = null, int? OrderIndex = null);

/// <summary><c>keep_others_open</c> (additive): opening this activity leaves the session's other open activities open.</summary>
public sealed record ActivityTransitionRequest(string? TargetState, string? Reason = null, bool? Force = null, bool? KeepOthersOpen = null);

public sealed record ActivityStatusResponse(Guid ActivityId, string Status, int ResponseCount, DateTime? LastResponseAt, DateTime LastUpdated, string State);

public sealed record FrameworkActivityStatusResponse(
    Guid ActivityId, string Status, string State, int ResponseCount, DateTime? ExpiresAt, JsonElement ActivityMetadata,
    IReadOnlyList<string> ValidTransitions, object? Results, DateTime? LastResponseAt, DateTime LastUpdated, string ProcessingStatus);

public sealed record ActivityResultsResponse(object Results, DateTime LastUpdated, Guid ActivityId, string ActivityType, int ResponseCount);

public sealed record ActivityTypeResponse(string Id, string Name, string Description, string Version);

public sealed record ActivityTypesListResponse(IReadOnlyList<ActivityTypeResponse> ActivityTypes);

public sealed record ActivityTypeSchemaResponse(string ActivityType, JsonElement Schema);

public sealed record ActivityValidationRequest(string? ActivityType, JsonElement? Configuration);

public sealed record ActivityValidationResponse(bool Valid, IReadOnlyList<string> Errors, IReadOnlyList<string> Warnings);

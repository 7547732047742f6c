using Conflicto.Data.Sessions;
using Conflicto.Server.Infrastructure;

namespace Conflicto.Server.Sessions;

/// <summary>
/// What a session body may hold. The participant cap defaults to the legacy contract's 1,000
/// (<c>Limits:MaxParticipantsPerSession</c> raises it for large events).
/// </summary>
internal static class SessionRules
{
    public const int MaxTitleLength = 255;
    public const int MaxDescriptionLength = 5000;

    public static Validation Check(SessionCreate body, int maxParticipants) => new Validation()
        .AddIf(string.IsNullOrWhiteSpace(body.Title), "title", "title is required and must not be blank")
        .AddIf(body.Title?.Trim().Length > MaxTitleLength, "title", $"title must be at most {MaxTitleLength} characters")
        .AddIf(body.Description?.Length > MaxDescriptionLength, "description", $"description must be at most {MaxDescriptionLength} characters")
        .AddIf(body.MaxParticipants < 1 || body.MaxParticipants > maxParticipants, "max_participants", $"max_participants must be between 1 and {maxParticipants}");

    public static Validation Check(SessionUpdate body, int maxParticipants) => new Validation()
        .AddIf(body.Title is not null && string.IsNullOrWhiteSpace(body.Title), "title", "title must not be blank")
        .AddIf(body.Title?.Trim().Length > MaxTitleLength, "title", $"title must be at most {MaxTitleLength} characters")
        .AddIf(body.Description?.Length > MaxDescriptionLength, "description", $"description must be at most {MaxDescriptionLength} characters")
        .AddIf(body.MaxParticipants < 1 || body.MaxParticipants > maxParticipants, "max_participants", $"max_participants must be between 1 and {maxParticipants}")
        .AddIf(body.Status is not null && !SessionStatuses.IsKnown(body.Status), "status", $"status must be one of: {string.Join(", ", SessionStatuses.All)}");
}

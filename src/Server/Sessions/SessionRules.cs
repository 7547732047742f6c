using Conflicto.Data.Sessions;
using Conflicto.Server.Infrastructure;

namespace Conflicto.Server.Sessions;

internal static class SessionRules
{
    public const int MaxTitleLength = 255;
    public const int MaxDescriptionLength = 5000;

    public static Validation Check(SessionCreate body) => new Validation()
        .AddIf(string.IsNullOrWhiteSpace(body.Title), "title", "title is required and must not be blank")
        .AddIf(body.Title?.Trim().Length > MaxTitleLength, "title", $"title must be at most {MaxTitleLength} characters")
        .AddIf(body.Description?.Length > MaxDescriptionLength, "description", $"description must be at most {MaxDescriptionLength} characters")
        .AddIf(body.MaxParticipants is < 1 or > 1000, "max_participants", "max_participants must be between 1 and 1000");

    public static Validation Check(SessionUpdate body) => new Validation()
        .AddIf(body.Title is not null && string.IsNullOrWhiteSpace(body.Title), "title", "title must not be blank")
        .AddIf(body.Title?.Trim().Length > MaxTitleLength, "title", $"title must be at most {MaxTitleLength} characters")
        .AddIf(body.Description?.Length > MaxDescriptionLength, "description", $"description must be at most {MaxDescriptionLength} characters")
        .AddIf(body.MaxParticipants is < 1 or > 1000, "max_participants", "max_participants must be between 1 and 1000")
        .AddIf(body.Status is not null && !SessionStatuses.IsKnown(body.Status), "status", $"status must be one of: {string.Join(", ", SessionStatuses.All)}");
}

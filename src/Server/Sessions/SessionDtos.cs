using Conflicto.Data.Sessions;
using Conflicto.Server.Activities;
using Conflicto.Server.OpenApi;
using Conflicto.Server.Participants;

namespace Conflicto.Server.Sessions;

/// <summary>A parameter with a default is optional in the OpenAPI description; one without is required (<see cref="SessionRules"/> refuses a request without it).</summary>
public sealed record SessionCreate(string? Title, string? Description = null, int? MaxParticipants = null);

public sealed record SessionUpdate(string? Title = null, string? Description = null, int? MaxParticipants = null, string? Status = null);

/// <summary>
/// The legacy SessionResponse. <c>qr_code</c> is the join code; <c>admin_code</c> is shown only to the host.
/// <c>join_code</c> and <c>qr_code</c> are null where the caller may not follow the session with them
/// (docs/security.md, "Session listings"): the join code makes a viewer, so it is not for everyone.
/// <c>current_activity_id</c> (additive) is the session's current activity, as in <c>/status</c>.
/// </summary>
public record SessionResponse(
    int Id, DateTime CreatedAt, DateTime UpdatedAt, string Title, string? Description, string Status,
    string? QrCode, string? AdminCode, int MaxParticipants, DateTime? StartedAt, DateTime? CompletedAt,
    int ParticipantCount, int ActivityCount, string? JoinCode, Guid? CurrentActivityId)
{
    public static SessionResponse From(SessionRow row, bool revealAdminCode, bool revealJoinCode = true) => new(
        row.Id, row.CreatedAt, row.UpdatedAt, row.Title, row.Description, row.Status,
        revealJoinCode ? row.JoinCode : null, revealAdminCode ? row.AdminCode : null, row.MaxParticipants, row.StartedAt, row.CompletedAt,
        row.ParticipantCount, row.ActivityCount, revealJoinCode ? row.JoinCode : null, row.CurrentActivityId);
}

public sealed record SessionDetail(
    int Id, DateTime CreatedAt, DateTime UpdatedAt, string Title, string? Description, string Status,
    string? QrCode, string? AdminCode, int MaxParticipants, DateTime? StartedAt, DateTime? CompletedAt,
    int ParticipantCount, int ActivityCount, string? JoinCode, Guid? CurrentActivityId,
    [property: OneOf(typeof(ActivityDto), typeof(Access.DraftStub))] IReadOnlyList<object> Activities, // a draft's stub for anyone but the host
    IReadOnlyList<ParticipantStatus> Participants);

public sealed record SessionList(IReadOnlyList<SessionResponse> Sessions, int Total, int Offset, int Limit);

/// <summary>Cheap polling view of a session. <c>last_seq</c> (additive) is the last event's seq.</summary>
public sealed record SessionStatusResponse(int SessionId, string Status, Guid? CurrentActivityId, int ParticipantCount, DateTime LastUpdated, long LastSeq);

using Conflicto.Server.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Conflicto.Server.Access;

/// <summary>
/// The security model in one place: a missing credential is 401, a credential that does not
/// grant this action (wrong admin code, another session's token) is 403. Each rule returns null
/// when access is granted.
/// </summary>
public static class AccessRules
{
    public static ProblemHttpResult? Host(Caller caller, int sessionId)
    {
        if (caller.IsHostOf(sessionId)) return null;
        return caller.SentAdminCode
            ? Problems.Forbidden("The admin code does not match this session.")
            : Problems.Unauthorized($"This action needs the session's admin code in the {Caller.AdminCodeHeader} header.");
    }

    /// <summary>The caller must be a participant of <paramref name="sessionId"/> (any of them).</summary>
    public static ProblemHttpResult? ParticipantOf(Caller caller, int sessionId)
    {
        if (caller.Participant?.SessionId == sessionId) return null;
        return NoParticipant(caller) ?? Problems.Forbidden("Your participant token belongs to another session.");
    }

    /// <summary>The caller must be exactly this participant.</summary>
    public static ProblemHttpResult? Self(Caller caller, int participantId)
    {
        if (caller.IsParticipant(participantId)) return null;
        return NoParticipant(caller) ?? Problems.Forbidden("Participants may only act as themselves.");
    }

    /// <summary>The participant itself, or the host of its session.</summary>
    public static ProblemHttpResult? SelfOrHost(Caller caller, int participantId, int sessionId)
    {
        if (caller.IsParticipant(participantId) || caller.IsHostOf(sessionId)) return null;
        if (caller.SentAdminCode && !caller.SentToken) return Problems.Forbidden("The admin code does not match this participant's session.");
        return NoParticipant(caller) ?? Problems.Forbidden("Participants may only act as themselves.");
    }

    /// <summary>When a legacy <c>participant_id</c> query parameter is sent it must name the token's participant.</summary>
    public static ProblemHttpResult? MatchesQuery(Caller caller, int? legacyParticipantId) =>
        legacyParticipantId is { } id && !caller.IsParticipant(id)
            ? Problems.Forbidden("participant_id does not match your participant token.")
            : null;

    private static ProblemHttpResult? NoParticipant(Caller caller)
    {
        if (caller.Participant is not null) return null;
        return caller.SentToken
            ? Problems.Unauthorized("The participant token is invalid or has been revoked (the participant left).")
            : Problems.Unauthorized("This action needs your participant token: Authorization: Bearer <participant_token>.");
    }
}

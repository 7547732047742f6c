using Conflicto.Data.Infrastructure;
using Conflicto.Server.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Conflicto.Server.Access;

/// <summary>What an action needs of its caller.</summary>
public enum Need
{
    /// <summary>The session's host (its admin code).</summary>
    Host,

    /// <summary>A participant of the session (any of them).</summary>
    Participant,

    /// <summary>Exactly the participant the action is about.</summary>
    Self,

    /// <summary>The participant the action is about, or the host of its session.</summary>
    SelfOrHost,
}

/// <summary>
/// The security model in one place, for every REST route and hub method (docs/security.md, "Error
/// answers" and "Access matrix"). Each rule returns null when access is granted; a refusal is
/// always <see cref="Deny"/>'s:
/// - <b>401</b> when the caller is nobody: it sent no credential, or only a participant token that
///   names no participant (unknown, or revoked when the participant left or was removed);
/// - <b>403</b> when the caller is somebody who may not do this (a participant on a host's action,
///   another participant, another session's host or participant), or sent a code that does not
///   open this session: an admin code is checked against the session it is sent to, whether it
///   opens another one or none, so the answer never tells a guesser that a code is some session's.
/// 404 (a resource that does not exist) is the route's to answer, before asking these rules.
/// </summary>
public static class AccessRules
{
    public const string RevokedToken = "The participant token is invalid or has been revoked (the participant left).";

    public static ProblemHttpResult? Host(Caller caller, int sessionId) =>
        caller.IsHostOf(sessionId) ? null : Deny(caller, Need.Host).ToProblem();

    /// <summary>
    /// A host's route that also reads a join code (the recording, as the event log does): a viewer
    /// with the right code is somebody too, so refused 403 rather than 401.
    /// </summary>
    public static ProblemHttpResult? Host(Caller caller, int sessionId, Audience? followsAs) =>
        caller.IsHostOf(sessionId) ? null
        : followsAs is { Role: Roles.Viewer } && caller.HostOf is null && caller.Participant is null
            ? Problems.Forbidden($"This is the host's: a join code does not open it. Send the session's admin code in the {Caller.AdminCodeHeader} header.")
            : Deny(caller, Need.Host).ToProblem();

    /// <summary>The caller must be a participant of <paramref name="sessionId"/> (any of them).</summary>
    public static ProblemHttpResult? ParticipantOf(Caller caller, int sessionId) =>
        caller.Participant?.SessionId == sessionId ? null : Deny(caller, Need.Participant).ToProblem();

    /// <summary>The caller must be exactly this participant.</summary>
    public static ProblemHttpResult? Self(Caller caller, int participantId) =>
        caller.IsParticipant(participantId) ? null : Deny(caller, Need.Self).ToProblem();

    /// <summary>The participant itself, or the host of its session.</summary>
    public static ProblemHttpResult? SelfOrHost(Caller caller, int participantId, int sessionId) =>
        caller.IsParticipant(participantId) || caller.IsHostOf(sessionId) ? null : Deny(caller, Need.SelfOrHost).ToProblem();

    /// <summary>When a legacy <c>participant_id</c> query parameter is sent it must name the token's participant.</summary>
    public static ProblemHttpResult? MatchesQuery(Caller caller, int? legacyParticipantId) =>
        legacyParticipantId is { } id && !caller.IsParticipant(id)
            ? Problems.Forbidden("participant_id does not match your participant token.")
            : null;

    /// <summary>
    /// Why <paramref name="caller"/>, who does not have what <paramref name="need"/> asks, is refused:
    /// the one answer of REST routes (<see cref="RefusalProblems.ToProblem"/>) and hub methods alike.
    /// </summary>
    public static Refusal Deny(Caller caller, Need need)
    {
        if (caller.Participant is { } participant)
        {
            return need switch
            {
                Need.Host => Refusal.Forbidden($"This is the host's: a participant token does not grant it. Send the session's admin code in the {Caller.AdminCodeHeader} header."),
                Need.Participant => Refusal.Forbidden("Your participant token belongs to another session."),
                _ => Refusal.Forbidden("Participants may only act as themselves."),
            };
        }
        if (caller.HostOf is not null || (caller.SentAdminCode && !caller.SentToken))
        {
            return need switch
            {
                Need.Participant or Need.Self => Refusal.Forbidden("This is a participant's: an admin code does not grant it. Send your participant token: Authorization: Bearer <participant_token>."),
                _ => Refusal.Forbidden("The admin code does not match this session."),
            };
        }
        if (caller.SentToken) return Refusal.Unauthorized(RevokedToken);
        return Refusal.Unauthorized(need switch
        {
            Need.Host => $"This needs the session's admin code in the {Caller.AdminCodeHeader} header.",
            Need.SelfOrHost => $"This needs the participant's token (Authorization: Bearer <participant_token>) or the session's admin code ({Caller.AdminCodeHeader}).",
            _ => "This needs your participant token: Authorization: Bearer <participant_token>.",
        });
    }
}

using Conflicto.Data.Infrastructure;
using Conflicto.Data.Sessions;

namespace Conflicto.Server.Access;

/// <summary>
/// What a caller may follow a session as: the hub's <c>JoinSession</c> and REST's event log ask
/// this one function, so a credential never opens one door and not the other. The caller's own
/// credential decides first (the session's host, one of its participants); without one, the
/// session's join code makes a viewer. A credential for something else is 403; nothing at all, or a token that names no participant (unknown or revoked), 401.
/// </summary>
public static class SessionAccess
{
    /// <summary>
    /// The audience <paramref name="caller"/> follows session <paramref name="sessionId"/> as, or
    /// why not. <paramref name="loadSession"/> is called only when a join code has to be checked:
    /// hosts and participants (almost every join) cost no read of the session.
    /// </summary>
    public static async Task<(Audience? Audience, Refusal? Refusal)> AudienceForAsync(
        Caller caller, int sessionId, string? joinCode, Func<CancellationToken, Task<SessionRow?>> loadSession, CancellationToken ct)
    {
        if (caller.IsHostOf(sessionId)) return (Audience.Host, null);
        if (caller.Participant is { } participant)
        {
            // A participant token is bound to its session: a right join code does not make a wrong credential right.
            return participant.SessionId == sessionId
                ? (new Audience(Roles.Participant, participant.ParticipantId), null)
                : (null, AccessRules.Deny(caller, Need.Participant));
        }
        // A token that resolves to no participant (unknown, or revoked when the participant left or
        // was removed) authenticates nobody: 401, as on every other route (AccessRules), not 403.
        if (caller.SentToken && caller.HostOf is null) return (null, AccessRules.Deny(caller, Need.Participant));
        if (string.IsNullOrWhiteSpace(joinCode))
        {
            return caller.SentAdminCode
                ? (null, AccessRules.Deny(caller, Need.Host))
                : (null, Refusal.Unauthorized("Follow a session with its admin code, a participant token, or (as a viewer) its join code."));
        }

        // A host of another session may watch this one as a viewer, like anyone who has its join code.
        var session = await loadSession(ct);
        if (session is null) return (null, Refusal.NotFound($"Session {sessionId} does not exist."));
        return CodeComparison.Matches(joinCode, session.JoinCode)
            ? (Audience.Viewer, null)
            : (null, Refusal.Forbidden("The join code does not match this session."));
    }
}

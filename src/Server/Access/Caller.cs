using Conflicto.Data.Participants;
using Conflicto.Data.Sessions;

namespace Conflicto.Server.Access;

/// <summary>
/// Who is calling, from the credentials of the request: a host (the session's admin code in
/// <c>X-Admin-Code</c>), a participant (<c>Authorization: Bearer &lt;participant_token&gt;</c>),
/// or nobody. Bound as an endpoint parameter; resolved at most once per request.
/// </summary>
public sealed record Caller(int? HostOf, ParticipantIdentity? Participant, bool SentAdminCode, bool SentToken)
{
    public const string AdminCodeHeader = "X-Admin-Code";

    public static readonly Caller Anonymous = new(null, null, false, false);

    public bool IsHostOf(int sessionId) => HostOf == sessionId;

    public bool IsParticipant(int participantId) => Participant?.ParticipantId == participantId;

    public static async ValueTask<Caller> BindAsync(HttpContext context)
    {
        if (context.Items[typeof(Caller)] is Caller cached) return cached;
        var caller = await ResolveAsync(context);
        context.Items[typeof(Caller)] = caller;
        return caller;
    }

    private static Task<Caller> ResolveAsync(HttpContext context) =>
        FromCredentialsAsync(context.RequestServices, context.Request.Headers[AdminCodeHeader].ToString(), BearerTokens.Of(context.Request), context.RequestAborted);

    /// <summary>Resolves an admin code and/or a participant token (either may be empty).</summary>
    public static async Task<Caller> FromCredentialsAsync(IServiceProvider services, string adminCode, string? token, CancellationToken ct)
    {
        int? hostOf = null;
        if (adminCode.Length > 0)
        {
            var normalized = SessionCodes.Normalize(adminCode);
            if (SessionCodes.IsWellFormed(normalized, SessionCodes.AdminCodeLength))
                hostOf = (await services.GetRequiredService<SessionStore>().GetByAdminCodeAsync(normalized, ct))?.Id;
        }

        ParticipantIdentity? participant = null;
        if (token is not null && ParticipantTokens.LooksLikeToken(token))
            participant = await services.GetRequiredService<ParticipantStore>().FindByTokenAsync(token, ct);

        return new Caller(hostOf, participant, adminCode.Length > 0, token is not null);
    }
}

using Conflicto.Server.Access;
using Microsoft.AspNetCore.SignalR;

namespace Conflicto.Server.Realtime;

/// <summary>What a hub connection carries between calls: who it is and which session it follows.</summary>
internal static class HubState
{
    private const string CallerKey = "conflicto.caller";
    private const string SessionKey = "conflicto.session";
    private const string AudienceKey = "conflicto.audience";

    public static void Set(HubCallerContext context, Caller caller) => context.Items[CallerKey] = caller;

    public static Caller Caller(HubCallerContext context) => context.Items[CallerKey] as Caller ?? Access.Caller.Anonymous;

    public static void Join(HubCallerContext context, int sessionId, Audience audience)
    {
        context.Items[SessionKey] = sessionId;
        context.Items[AudienceKey] = audience;
    }

    public static void Leave(HubCallerContext context)
    {
        context.Items.Remove(SessionKey);
        context.Items.Remove(AudienceKey);
    }

    public static int? JoinedSession(HubCallerContext context) => context.Items.TryGetValue(SessionKey, out var id) ? (int?)id : null;

    public static Audience? Audience(HubCallerContext context) => context.Items.TryGetValue(AudienceKey, out var audience) ? audience as Audience : null;

    /// <summary>The role a connection acts in: its joined audience's, else what its credential makes it, else "anonymous".</summary>
    public static string Role(IDictionary<object, object?> items)
    {
        if (items.TryGetValue(AudienceKey, out var joined) && joined is Access.Audience audience) return audience.Role;
        var caller = items.TryGetValue(CallerKey, out var c) && c is Access.Caller known ? known : Access.Caller.Anonymous;
        return caller.HostOf is not null ? Roles.Host : caller.Participant is not null ? Roles.Participant : Anonymous;
    }

    public const string Anonymous = "anonymous";
}

using System.Text.Json;
using Conflicto.Data.Events;
using Conflicto.Data.Infrastructure;
using Conflicto.Data.Webhooks;
using Conflicto.Server.Access;

namespace Conflicto.Server.Webhooks;

/// <summary>
/// The body a receiver gets. <c>data</c> is the event as a viewer of the session sees it (scope
/// <c>viewer</c>) or as the host does (scope <c>host</c>), cut by <see cref="EventRedaction"/>,
/// the same code that cuts the hub's and the event log's events: drafts are stubs, a quiz's
/// answers stay hidden until revealed, anonymous answers carry no participant id (not even in the host's cut).
/// </summary>
public static class WebhookPayloads
{
    public static string Body(WebhookRow webhook, SessionEvent e)
    {
        var audience = webhook.Scope == WebhookScopes.Host ? Audience.Host : Audience.Viewer;
        return Serialize(new WebhookEnvelope(webhook.Id, e.SessionId, e.Seq, e.Type, e.At, EventRedaction.Redact(e, audience)));
    }

    public static string Ping(WebhookRow webhook, int sessionId, DateTime now) =>
        Serialize(new WebhookEnvelope(webhook.Id, sessionId, null, WebhookEventTypes.Ping, now, Json.EmptyObject));

    private static string Serialize(WebhookEnvelope envelope) => JsonSerializer.Serialize(envelope, Json.Options);
}

/// <summary>What every delivery carries (docs/integrations.md#webhooks).</summary>
public sealed record WebhookEnvelope(Guid WebhookId, int SessionId, long? Seq, string Type, DateTime OccurredAt, JsonElement Data);

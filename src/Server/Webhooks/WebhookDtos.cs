using Conflicto.Data.Webhooks;

namespace Conflicto.Server.Webhooks;

/// <summary>The body of <c>POST /api/v1/sessions/{id}/webhooks</c>.</summary>
public sealed record WebhookCreate(string? Url, List<string>? Events, string? Description = null, string? Scope = null);

/// <summary>An endpoint as the API shows it: never its secret, only a hint of it.</summary>
public record WebhookResponse(
    Guid Id, int SessionId, string Url, IReadOnlyList<string> Events, string? Description, string Scope, string Status,
    string? DisabledReason, int ConsecutiveFailures, long LastAckedSeq, long LatestSeq, string SecretHint, DateTime CreatedAt, DateTime? LastDeliveryAt)
{
    public static WebhookResponse From(WebhookRow row) => new(
        row.Id, row.SessionId ?? 0, row.Url, row.Events, row.Description, row.Scope, row.Status, row.DisabledReason,
        row.ConsecutiveFailures, row.LastAckedSeq, row.LatestSeq, WebhookSigner.Hint(row.Secret), row.CreatedAt, row.LastDeliveryAt);
}

/// <summary>The answer to a registration: the endpoint with its secret, shown this once.</summary>
public sealed record WebhookCreated(
    Guid Id, int SessionId, string Url, IReadOnlyList<string> Events, string? Description, string Scope, string Status,
    string? DisabledReason, int ConsecutiveFailures, long LastAckedSeq, long LatestSeq, string SecretHint, DateTime CreatedAt, DateTime? LastDeliveryAt,
    string Secret)
    : WebhookResponse(Id, SessionId, Url, Events, Description, Scope, Status, DisabledReason, ConsecutiveFailures, LastAckedSeq, LatestSeq,
        SecretHint, CreatedAt, LastDeliveryAt)
{
    public static WebhookCreated From(WebhookRow row, string secret)
    {
        var r = WebhookResponse.From(row);
        return new(r.Id, r.SessionId, r.Url, r.Events, r.Description, r.Scope, r.Status, r.DisabledReason, r.ConsecutiveFailures,
            r.LastAckedSeq, r.LatestSeq, r.SecretHint, r.CreatedAt, r.LastDeliveryAt, secret);
    }
}

/// <summary>The answer to a rotation: the new secret (shown this once) and when the previous one stops signing.</summary>
public sealed record WebhookSecretRotated(string Secret, DateTime? PreviousSecretExpiresAt);

/// <summary>An entry of an endpoint's delivery log.</summary>
public sealed record DeliveryResponse(
    long? Seq, string EventType, string Status, int Attempts, int? LastStatusCode, string? LastError, int? LatencyMs,
    DateTime? FirstAttemptAt, DateTime? LastAttemptAt, DateTime? NextAttemptAt, DateTime? DeliveredAt)
{
    public static DeliveryResponse From(DeliveryRow r) => new(
        r.Seq, r.EventType, r.Status, r.Attempts, r.LastStatusCode, r.LastError, r.LatencyMs, r.FirstAttemptAt, r.LastAttemptAt, r.NextAttemptAt, r.DeliveredAt);
}

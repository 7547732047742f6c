namespace Conflicto.Data.Webhooks;

/// <summary>A row of table <c>webhooks</c>: an endpoint of one session, or a global one (<see cref="SessionId"/> null).</summary>
public sealed record WebhookRow
{
    public Guid Id { get; init; }
    public int? SessionId { get; init; }
    public string Url { get; init; } = "";
    public string[] Events { get; init; } = [];
    public string? Description { get; init; }
    public string Scope { get; init; } = WebhookScopes.Viewer;
    public string Secret { get; init; } = "";
    public string? PreviousSecret { get; init; }
    public DateTime? PreviousSecretExpiresAt { get; init; }
    public string Status { get; init; } = WebhookStatuses.Active;
    public string? DisabledReason { get; init; }
    public int ConsecutiveFailures { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime? LastDeliveryAt { get; init; }

    /// <summary>Views only: the stream's cursor (for a session's endpoint) and the session's last seq.</summary>
    public long LastAckedSeq { get; init; }
    public long LatestSeq { get; init; }

    public bool Subscribes(string eventType) => Events.Contains("*") || Events.Contains(eventType);

    /// <summary>The previous secret while its grace period lasts, else null.</summary>
    public string? PreviousSecretAt(DateTime now) => PreviousSecretExpiresAt > now ? PreviousSecret : null;
}

public static class WebhookScopes
{
    public const string Viewer = "viewer";
    public const string Host = "host";
}

public static class WebhookStatuses
{
    public const string Active = "active";
    public const string Disabled = "disabled";
}

public static class DeliveryStatuses
{
    public const string Delivered = "delivered";
    public const string Failed = "failed";
    public const string Pending = "pending";
    public static readonly string[] All = [Delivered, Failed, Pending];
}

/// <summary>A row of <c>webhook_deliveries</c>: one event's (or ping's) attempts at one endpoint.</summary>
public sealed record DeliveryRow
{
    public long Id { get; init; }
    public Guid WebhookId { get; init; }
    public int SessionId { get; init; }
    public long? Seq { get; init; }
    public string EventType { get; init; } = "";
    public string Status { get; init; } = "";
    public int Attempts { get; init; }
    public int? LastStatusCode { get; init; }
    public string? LastError { get; init; }
    public int? LatencyMs { get; init; }
    public DateTime? FirstAttemptAt { get; init; }
    public DateTime? LastAttemptAt { get; init; }
    public DateTime? NextAttemptAt { get; init; }
    public DateTime? DeliveredAt { get; init; }
}

/// <summary>A stream (endpoint × session) this node holds the lease of, and where its cursor stood when claimed.</summary>
public sealed record StreamLease(Guid WebhookId, int SessionId, long LastAckedSeq);

/// <summary>The outcome of one attempt, as the delivery log records it.</summary>
public sealed record AttemptOutcome(bool Delivered, int? StatusCode, string? Error, int LatencyMs);

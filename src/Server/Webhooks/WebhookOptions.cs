using System.ComponentModel.DataAnnotations;

namespace Conflicto.Server.Webhooks;

/// <summary>Outbound webhooks (section <c>Webhooks</c>): limits, retries, the SSRF guard and the global endpoints. docs/integrations.md#webhooks.</summary>
public sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    /// <summary>Whether this node delivers (the routes work either way; another node may deliver).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Most endpoints a session may have (409 beyond).</summary>
    [Range(1, 100)]
    public int MaxPerSession { get; set; } = 10;

    /// <summary>Lets endpoints resolve to loopback, private, link-local or CGNAT addresses (off: no SSRF from a host's URL).</summary>
    public bool AllowPrivateNetworks { get; set; }

    /// <summary>How long a rotated-out secret keeps signing beside the new one.</summary>
    [Range(0d, 30d * 86400)]
    public double RotationGraceSeconds { get; set; } = 86400;

    /// <summary>Consecutive failed attempts (any event, any stream of the endpoint) after which the endpoint is disabled.</summary>
    [Range(1, 1000)]
    public int DisableAfterFailures { get; set; } = 20;

    /// <summary>Delay before the first retry; each further retry doubles it, up to <see cref="RetryMaxSeconds"/>.</summary>
    [Range(0.01d, 3600d)]
    public double RetryBaseSeconds { get; set; } = 10;

    /// <summary>Longest delay between two attempts at one event.</summary>
    [Range(0.01d, 86400d)]
    public double RetryMaxSeconds { get; set; } = 3600;

    /// <summary>Each delay is randomised by ± this fraction, so receivers coming back are not hit by every stream at once.</summary>
    [Range(0d, 1d)]
    public double RetryJitter { get; set; } = 0.2;

    /// <summary>Per-attempt timeout: a receiver that does not answer in time counts as a failed attempt.</summary>
    [Range(0.1d, 120d)]
    public double TimeoutSeconds { get; set; } = 10;

    /// <summary>How long the circuit breaker of one receiver host stays open after it broke (attempts meanwhile fail at once).</summary>
    [Range(0.5d, 3600d)]
    public double CircuitBreakSeconds { get; set; } = 30;

    /// <summary>Most streams (endpoint × session) this node delivers at once; each has one event in flight.</summary>
    [Range(1, 1000)]
    public int MaxConcurrentStreams { get; set; } = 8;

    /// <summary>How often this node looks for work besides its own commits: other nodes' events, retries that came due, expired leases.</summary>
    [Range(0.05d, 600d)]
    public double SweepSeconds { get; set; } = 5;

    /// <summary>How long a node's claim on a stream lasts without progress before another node may take it over.</summary>
    [Range(1d, 3600d)]
    public double LeaseSeconds { get; set; } = 60;

    /// <summary>Most bytes of a receiver's answer read (kept as the last error of a failed attempt); the rest is discarded.</summary>
    [Range(0, 1024 * 1024)]
    public int MaxResponseBytes { get; set; } = 4096;

    /// <summary>
    /// Delivery-log rows (delivered or failed) whose last attempt is older than this many days are
    /// deleted (<see cref="WebhookDeliveryRetention"/>); pending rows are kept whatever their age.
    /// </summary>
    [Range(1, 3_650, ErrorMessage = "Webhooks:DeliveryRetentionDays must be set to a number of days from 1 to 3650 (default 14).")]
    public int DeliveryRetentionDays { get; set; } = 14;

    /// <summary>Encrypts signing secrets at rest (AES-256-GCM): 32 random bytes in base64 (<c>openssl rand -base64 32</c>). Unset: stored as they are.</summary>
    public string? SecretKey { get; set; }

    /// <summary>Global endpoints, receiving every session's events: <c>Webhooks:Endpoints:N:Url</c>, <c>:Secret</c>, <c>:Events</c>, <c>:Scope</c>.</summary>
    public List<GlobalWebhookOptions> Endpoints { get; set; } = [];
}

/// <summary>One global endpoint of the configuration (<c>Webhooks:Endpoints:N</c>).</summary>
public sealed class GlobalWebhookOptions
{
    public string? Url { get; set; }

    /// <summary>The signing secret (at least 24 characters; <c>whsec_</c> + 32 random bytes base64url is what the API makes).</summary>
    public string? Secret { get; set; }

    /// <summary>Event types, or <c>*</c> for all (the default).</summary>
    public List<string> Events { get; set; } = [];

    /// <summary><c>viewer</c> (default) or <c>host</c>.</summary>
    public string? Scope { get; set; }

    public string? Description { get; set; }
}

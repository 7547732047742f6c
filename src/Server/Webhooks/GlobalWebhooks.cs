using System.Security.Cryptography;
using System.Text;
using Conflicto.Data.Webhooks;
using Microsoft.Extensions.Options;

namespace Conflicto.Server.Webhooks;

/// <summary>
/// The operator's endpoints (<c>Webhooks:Endpoints:N</c>), receiving every session's events. Each
/// is a row of table <c>webhooks</c> without a session, whose id is derived from its position and
/// URL (the same on every node and across restarts, so its cursors survive a restart); start-up
/// writes them (enabled again if they were disabled) and deletes endpoints no longer configured.
/// </summary>
public sealed class GlobalWebhooks(IOptions<WebhookOptions> options, ILogger<GlobalWebhooks> logger)
{
    public int Count => options.Value.Endpoints.Count;

    public IReadOnlyList<WebhookRow> Rows() => options.Value.Endpoints.Select((e, i) => new WebhookRow
    {
        Id = IdOf(i, e.Url!),
        Url = e.Url!,
        Events = e.Events.Count == 0 ? [WebhookEventTypes.All] : e.Events.ToArray(),
        Scope = e.Scope ?? WebhookScopes.Viewer,
        Secret = e.Secret!,
        Description = e.Description,
    }).ToList();

    /// <summary>Writes the configured endpoints; false (logged) when the database did not answer, to be tried again.</summary>
    public async Task<bool> SyncAsync(WebhookStore store, CancellationToken ct)
    {
        var rows = Rows();
        await store.SyncGlobalAsync(rows, ct);
        foreach (var row in rows)
            logger.LogInformation("Global webhook {WebhookId} delivers {Events} of every session to {Url} (scope {Scope})",
                row.Id, string.Join(",", row.Events), WebhookUrls.ForLog(row.Url), row.Scope);
        return true;
    }

    public static Guid IdOf(int index, string url)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"conflicto-global-webhook:{index}:{url}"));
        return new Guid(hash.AsSpan(0, 16));
    }

    /// <summary>Start-up validation of <c>Webhooks:Endpoints</c>: every message says what to set.</summary>
    public static IEnumerable<string> Problems(WebhookOptions o)
    {
        if (o.RetryMaxSeconds < o.RetryBaseSeconds) yield return "Webhooks:RetryMaxSeconds must be at least Webhooks:RetryBaseSeconds.";
        for (var i = 0; i < o.Endpoints.Count; i++)
        {
            var e = o.Endpoints[i];
            var key = $"Webhooks:Endpoints:{i}";
            if (string.IsNullOrWhiteSpace(e.Url) || !Uri.TryCreate(e.Url, UriKind.Absolute, out var uri) || (uri.Scheme != "https" && uri.Scheme != "http"))
                yield return $"{key}:Url must be set to an absolute http:// or https:// URL (it is '{e.Url}').";
            if (string.IsNullOrEmpty(e.Secret) || e.Secret.Length < 24)
                yield return $"{key}:Secret must be set to at least 24 characters (for example whsec_ and 32 random bytes in base64url: "
                    + "openssl rand -base64 32 | tr '+/' '-_' | tr -d '=').";
            foreach (var type in e.Events.Where(t => !WebhookEventTypes.IsKnown(t)))
                yield return $"{key}:Events has an unknown event type '{type}': use * or some of {string.Join(", ", WebhookEventTypes.Subscribable)}.";
            if (e.Scope is not null && e.Scope != WebhookScopes.Viewer && e.Scope != WebhookScopes.Host)
                yield return $"{key}:Scope must be viewer or host (it is '{e.Scope}').";
        }
    }
}

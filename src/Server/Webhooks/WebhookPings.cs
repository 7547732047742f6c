using Conflicto.Data.Webhooks;

namespace Conflicto.Server.Webhooks;

/// <summary>
/// Pings: one signed <c>webhook.ping</c> (no seq, the cursor does not move), sent in the
/// background once its pending row is in the delivery log; its outcome replaces the row. Never retried.
/// </summary>
public sealed class WebhookPings(WebhookStore store, WebhookOutbox outbox, WebhookSender sender, WebhookMetrics metrics,
    TimeProvider clock, IHostApplicationLifetime lifetime, ILogger<WebhookPings> logger)
{
    public async Task StartAsync(Guid webhookId, int sessionId, CancellationToken ct)
    {
        var id = await outbox.StartPingAsync(webhookId, sessionId, WebhookEventTypes.Ping, ct);
        _ = Task.Run(() => SendAsync(webhookId, sessionId, id, lifetime.ApplicationStopping), CancellationToken.None);
    }

    private async Task SendAsync(Guid webhookId, int sessionId, long id, CancellationToken ct)
    {
        try
        {
            if (await store.GetForDeliveryAsync(webhookId, ct) is not { } webhook) return;
            var outcome = await sender.SendAsync(webhook, WebhookEventTypes.Ping, null, WebhookPayloads.Ping(webhook, sessionId, clock.GetUtcNow().UtcDateTime), ct);
            metrics.Attempted(outcome, ping: true);
            await outbox.CompletePingAsync(id, outcome, ct);
            if (!outcome.Delivered)
                logger.LogWarning("Webhook {WebhookId} of session {SessionId}: ping failed: {Error}", webhookId, sessionId, outcome.Error);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            logger.LogWarning(ex, "Webhook {WebhookId} of session {SessionId}: ping could not be recorded: {Reason}", webhookId, sessionId, ex.Message);
        }
        catch (OperationCanceledException)
        {
            // Shutting down: the row stays pending.
        }
    }
}

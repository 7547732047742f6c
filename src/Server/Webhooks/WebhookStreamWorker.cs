using Conflicto.Data.Events;
using Conflicto.Data.Webhooks;
using Microsoft.Extensions.Options;

namespace Conflicto.Server.Webhooks;

/// <summary>
/// Delivers one leased stream (endpoint × session) in seq order, one event in flight: events the
/// endpoint does not subscribe to move the cursor without a request; a delivered event moves it to
/// its seq; a failed one is retried later (<see cref="RetrySchedule"/>), and nothing after it is
/// sent before it. Repeated failures, or 410 Gone, disable the endpoint.
/// </summary>
public sealed class WebhookStreamWorker(
    WebhookStore store, WebhookSecretProtector secrets, WebhookOutbox outbox, EventStore events, WebhookSender sender, IOptions<WebhookOptions> options,
    WebhookMetrics metrics, ILogger<WebhookStreamWorker> logger)
{
    private const int PageSize = 100;

    public async Task RunAsync(StreamLease lease, string owner, CancellationToken ct)
    {
        try
        {
            await DeliverAsync(lease, owner, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Shutting down: the lease runs out by itself and another node (or this one, restarted) resumes after last_acked_seq.
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Webhook {WebhookId} stream of session {SessionId} stopped: {Reason}; it resumes when its lease expires",
                lease.WebhookId, lease.SessionId, ex.Message);
        }
    }

    private async Task DeliverAsync(StreamLease lease, string owner, CancellationToken ct)
    {
        var leaseSeconds = options.Value.LeaseSeconds;
        var cursor = lease.LastAckedSeq;
        while (true)
        {
            // Read again for every page: a rotated secret, a changed subscription or a disable take effect within a page.
            var stored = await store.GetForDeliveryAsync(lease.WebhookId, ct);
            if (stored is not { Status: WebhookStatuses.Active }) break;
            var webhook = secrets.Readable(stored);
            var page = await events.ListAfterAsync(lease.SessionId, cursor, PageSize, ct);
            if (page.Count == 0) break;
            var skipped = cursor;
            foreach (var e in page)
            {
                if (!webhook.Subscribes(e.Type))
                {
                    skipped = e.Seq;
                    continue;
                }
                if (skipped > cursor)
                {
                    if (!await outbox.AdvanceAsync(lease, owner, skipped, leaseSeconds, ct)) return;
                    cursor = skipped;
                }
                var outcome = await sender.SendAsync(webhook, e.Type, e.Seq, WebhookPayloads.Body(webhook, e), ct);
                metrics.Attempted(outcome, ping: false);
                if (await outbox.RecordAttemptAsync(lease, owner, e.Seq, e.Type, outcome, leaseSeconds, ct) is not { } counts) return;
                if (!outcome.Delivered)
                {
                    await FailedAsync(webhook, lease, owner, e, outcome, counts.Attempts, counts.ConsecutiveFailures, ct);
                    return;
                }
                cursor = skipped = e.Seq;
            }
            if (skipped > cursor)
            {
                if (!await outbox.AdvanceAsync(lease, owner, skipped, leaseSeconds, ct)) return;
                cursor = skipped;
            }
        }
        await outbox.ReleaseAsync(lease, owner, ct);
    }

    private async Task FailedAsync(WebhookRow webhook, StreamLease lease, string owner, SessionEvent e, AttemptOutcome outcome,
        int attempts, int failures, CancellationToken ct)
    {
        var o = options.Value;
        var (reason, kind) = outcome.StatusCode == StatusCodes.Status410Gone
            ? ("the receiver answered 410 Gone", "gone")
            : failures >= o.DisableAfterFailures
                ? ($"{failures} consecutive failed attempts (Webhooks:DisableAfterFailures); last: {outcome.Error}", "failures")
                : (null, null);
        if (reason is not null)
        {
            if (await outbox.DisableAsync(webhook.Id, reason, ct))
            {
                metrics.Disabled(kind!);
                logger.LogWarning("Webhook {WebhookId} of session {SessionId} ({Url}) disabled: {Reason}; {HowToEnable} to resume after seq {LastAckedSeq}",
                    webhook.Id, lease.SessionId, WebhookUrls.ForLog(webhook.Url), reason,
                    webhook.SessionId is null ? "a global endpoint: restart a node once the receiver is fixed" : "enable it by hand", e.Seq - 1);
            }
            await outbox.ReleaseAsync(lease, owner, ct);
            return;
        }
        var delay = RetrySchedule.DelaySeconds(attempts, o, Random.Shared.NextDouble());
        logger.LogWarning("Webhook {WebhookId} delivery of session {SessionId} seq {Seq} ({EventType}) failed on attempt {Attempt}: {Error}; next attempt in {DelaySeconds:F1} s",
            webhook.Id, lease.SessionId, e.Seq, e.Type, attempts, outcome.Error, delay);
        await outbox.ScheduleRetryAsync(lease, owner, e.Seq, delay, ct);
    }
}

using Conflicto.Data.Infrastructure;
using Conflicto.Data.Webhooks;
using Conflicto.Server.Infrastructure;
using Microsoft.Extensions.Options;

namespace Conflicto.Server.Webhooks;

/// <summary>
/// Deletes delivery-log rows (delivered or failed) whose last attempt is older than
/// <see cref="WebhookOptions.DeliveryRetentionDays"/> (see <see cref="RetentionService"/>), on
/// every node that delivers (<c>Webhooks:Enabled</c>).
/// </summary>
/// <remarks>
/// Deleting old rows changes no delivery. A stream's position is its cursor,
/// <c>webhook_streams.last_acked_seq</c>, moved in the same statement that marks a row delivered,
/// and the worker reads the session event log after that cursor; nothing reads the delivery log
/// to decide what to send, so a deleted delivered row is never sent again. The unique index on
/// (webhook_id, session_id, seq) only merges attempts at one event: a failed row (endpoint
/// disabled) that is deleted and whose endpoint is enabled later gets a fresh row at its next
/// attempt, its count (and so its retry delay) starting again from one. Pending rows, the live
/// retry state of a stream, are never deleted.
/// </remarks>
public sealed class WebhookDeliveryRetention(
    WebhookOutbox outbox, IOptions<WebhookOptions> options, TimeProvider clock, ILogger<WebhookDeliveryRetention> logger, DatabaseAvailability database)
    : RetentionService(clock, logger, database)
{
    /// <summary>A node that does not deliver does not clean up either (as <see cref="WebhookDispatcher"/>); the delivering nodes do.</summary>
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        options.Value.Enabled ? base.ExecuteAsync(stoppingToken) : Task.CompletedTask;

    protected override int RetentionDays => options.Value.DeliveryRetentionDays;

    protected override string What => "webhook delivery log row(s)";

    protected override Task<int> DeleteBatchAsync(DateTime cutoff, int batch, CancellationToken ct) => outbox.DeleteDeliveriesBeforeAsync(cutoff, batch, ct);
}

using Conflicto.Data.Infrastructure;
using Conflicto.Data.Webhooks;
using Conflicto.Processing.Hosting;
using Microsoft.Extensions.Options;

namespace Conflicto.Server.Webhooks;

/// <summary>
/// Deletes delivery-log rows (delivered or failed) whose last attempt is older than
/// <see cref="WebhookOptions.DeliveryRetentionDays"/>, every ten minutes, in batches of
/// <see cref="BatchSize"/> rows (each its own short statement, so neither a delivery's upsert nor a
/// host's read of the log waits behind one long delete). Every node that delivers
/// (<c>Webhooks:Enabled</c>) runs it; deletes of the same rows by two nodes are harmless.
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
public sealed partial class WebhookDeliveryRetention(
    WebhookOutbox outbox, IOptions<WebhookOptions> options, TimeProvider clock, ILogger<WebhookDeliveryRetention> logger, DatabaseAvailability database)
    : PeriodicService(clock, logger, database)
{
    public const int BatchSize = 1_000;

    protected override TimeSpan Interval => TimeSpan.FromMinutes(10);

    /// <summary>A node that does not deliver does not clean up either (as <see cref="WebhookDispatcher"/>); the delivering nodes do.</summary>
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        options.Value.Enabled ? base.ExecuteAsync(stoppingToken) : Task.CompletedTask;

    protected override async Task TickAsync(CancellationToken ct) => await DeleteExpiredAsync(ct);

    /// <summary>Deletes every delivered or failed row last attempted before the retention window; returns how many.</summary>
    public async Task<int> DeleteExpiredAsync(CancellationToken ct)
    {
        var days = options.Value.DeliveryRetentionDays;
        var cutoff = Clock.GetUtcNow().UtcDateTime.AddDays(-days);
        var total = 0;
        int deleted;
        do
        {
            deleted = await outbox.DeleteDeliveriesBeforeAsync(cutoff, BatchSize, ct);
            total += deleted;
        }
        while (deleted == BatchSize);
        if (total > 0) LogDeleted(logger, total, days);
        return total;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} webhook delivery log row(s) older than {RetentionDays} days")]
    private static partial void LogDeleted(ILogger logger, int count, int retentionDays);
}

using Conflicto.Data.Operations;
using Conflicto.Processing.Hosting;
using Microsoft.Extensions.Options;

namespace Conflicto.Server.Operations;

/// <summary>
/// Deletes operations older than <see cref="OperationOptions.RetentionDays"/>, every ten minutes,
/// in batches of <see cref="BatchSize"/> rows (each its own short statement, so neither the
/// writer's COPY nor a host's read waits behind one long delete). Every node runs it; deletes of
/// the same rows by two nodes are harmless.
/// </summary>
public sealed partial class OperationRetention(OperationStore store, IOptions<OperationOptions> options, TimeProvider clock, ILogger<OperationRetention> logger, Data.Infrastructure.DatabaseAvailability database)
    : PeriodicService(clock, logger, database)
{
    public const int BatchSize = 1_000;

    protected override TimeSpan Interval => TimeSpan.FromMinutes(10);

    protected override async Task TickAsync(CancellationToken ct) => await DeleteExpiredAsync(ct);

    /// <summary>Deletes every operation that started before the retention window; returns how many.</summary>
    public async Task<int> DeleteExpiredAsync(CancellationToken ct)
    {
        var cutoff = Clock.GetUtcNow().UtcDateTime.AddDays(-options.Value.RetentionDays);
        var total = 0;
        int deleted;
        do
        {
            deleted = await store.DeleteStartedBeforeAsync(cutoff, BatchSize, ct);
            total += deleted;
        }
        while (deleted == BatchSize);
        if (total > 0) LogDeleted(logger, total, options.Value.RetentionDays);
        return total;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} operation(s) older than {RetentionDays} days")]
    private static partial void LogDeleted(ILogger logger, int count, int retentionDays);
}

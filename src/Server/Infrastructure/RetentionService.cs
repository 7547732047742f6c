using Conflicto.Data.Infrastructure;
using Conflicto.Processing.Hosting;

namespace Conflicto.Server.Infrastructure;

/// <summary>
/// Deletes rows older than a retention window, every ten minutes, in batches of
/// <see cref="BatchSize"/> rows (each its own short statement, so neither writers nor readers of the
/// table wait behind one long delete), and logs how many once per run. Every node runs it; deletes
/// of the same rows by two nodes are harmless. Subclasses say what is deleted and how.
/// </summary>
public abstract partial class RetentionService(TimeProvider clock, ILogger logger, DatabaseAvailability database)
    : PeriodicService(clock, logger, database)
{
    public const int BatchSize = 1_000;

    private readonly ILogger _logger = logger;

    protected override TimeSpan Interval => TimeSpan.FromMinutes(10);

    /// <summary>How many days rows are kept.</summary>
    protected abstract int RetentionDays { get; }

    /// <summary>What the log line calls the rows ("operation(s)").</summary>
    protected abstract string What { get; }

    /// <summary>Deletes at most <paramref name="batch"/> rows older than <paramref name="cutoff"/>; returns how many.</summary>
    protected abstract Task<int> DeleteBatchAsync(DateTime cutoff, int batch, CancellationToken ct);

    protected override async Task TickAsync(CancellationToken ct) => await DeleteExpiredAsync(ct);

    /// <summary>Deletes every row older than the retention window; returns how many.</summary>
    public async Task<int> DeleteExpiredAsync(CancellationToken ct)
    {
        var days = RetentionDays;
        var cutoff = Clock.GetUtcNow().UtcDateTime.AddDays(-days);
        var total = 0;
        int deleted;
        do
        {
            deleted = await DeleteBatchAsync(cutoff, BatchSize, ct);
            total += deleted;
        }
        while (deleted == BatchSize);
        if (total > 0) LogDeleted(_logger, total, What, days);
        return total;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} {What:l} older than {RetentionDays} days")]
    private static partial void LogDeleted(ILogger logger, int count, string what, int retentionDays);
}

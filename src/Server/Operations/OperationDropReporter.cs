using Conflicto.Processing.Hosting;
using Microsoft.Extensions.Options;

namespace Conflicto.Server.Operations;

/// <summary>
/// Makes drops visible in the log without flooding it: while operations are being dropped, one
/// Warning line per <see cref="OperationOptions.DropReportIntervalMs"/> says how many (a full
/// queue under overload can drop thousands a second; a line each would be its own overload).
/// </summary>
public sealed partial class OperationDropReporter(OperationLog log, IOptions<OperationOptions> options, TimeProvider clock, ILogger<OperationDropReporter> logger)
    : PeriodicService(clock, logger)
{
    private long _reported;

    protected override TimeSpan Interval => TimeSpan.FromMilliseconds(options.Value.DropReportIntervalMs);

    protected override Task TickAsync(CancellationToken ct)
    {
        var total = log.Dropped;
        var dropped = total - _reported;
        _reported = total;
        if (dropped > 0) LogDropped(logger, dropped, options.Value.DropReportIntervalMs, total);
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} operation(s) dropped in the last {IntervalMs} ms ({Total} since start): the operation log's queue was full or the database refused them (Operations:ChannelCapacity, docs/operations.md)")]
    private static partial void LogDropped(ILogger logger, long count, int intervalMs, long total);
}

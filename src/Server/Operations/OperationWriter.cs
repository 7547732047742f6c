using Conflicto.Data.Infrastructure;
using Conflicto.Data.Operations;
using Microsoft.Extensions.Options;

namespace Conflicto.Server.Operations;

/// <summary>
/// The one reader of <see cref="OperationLog"/>: lets operations gather for
/// <see cref="OperationOptions.FlushIntervalMs"/>, then writes every queued one in COPY batches of
/// <see cref="OperationOptions.BatchSize"/>. A batch the database refuses (down, say) is counted as
/// dropped, not retried: the queue behind it is the one worth saving, and the writer backs off
/// (doubling, capped) until a write succeeds. One log line per change of state, not per batch.
/// A batch that failed because the database is unreachable is kept and written when it is back
/// (operations keep queuing meanwhile, up to the channel's capacity); the outage itself is logged
/// once by <see cref="DatabaseAvailability"/>, like every other loop's.
/// On shutdown it takes no new operations and flushes what is queued, within the host's
/// shutdown timeout; whatever is still queued when that runs out is counted as dropped.
/// </summary>
public sealed partial class OperationWriter(
    OperationLog log, OperationStore store, DatabaseAvailability database, IOptions<OperationOptions> options, TimeProvider clock, ILogger<OperationWriter> logger)
    : BackgroundService
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    /// <summary>Cancelled when shutdown's time runs out: the final flush stops where it is.</summary>
    private readonly CancellationTokenSource _abort = new();
    private int _failures;
    private long _failingSince;
    private long _droppedWhenFailing;
    private bool _refused; // the failing state was logged by this writer (a refusal, not an outage)

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var reader = log.Reader;
        var batch = new List<OperationRecord>(options.Value.BatchSize);
        try
        {
            // False once the log is closed (shutdown) and everything queued has been read.
            // (A batch kept through a database outage is tried again even when nothing new arrives.)
            while (batch.Count > 0 || await reader.WaitToReadAsync(_abort.Token))
            {
                await PauseAsync(_failures == 0 ? Interval : Backoff(), stoppingToken);
                // Everything queued, a batch at a time; after a refused batch, back off first.
                while (true)
                {
                    while (batch.Count < options.Value.BatchSize && reader.TryRead(out var operation)) batch.Add(operation);
                    if (batch.Count == 0) break;
                    var outcome = await WriteAsync(batch);
                    if (outcome == Outcome.Kept && !stoppingToken.IsCancellationRequested) break; // written after the back-off
                    if (outcome == Outcome.Kept) log.CountDropped(batch.Count);
                    batch.Clear();
                    if (outcome == Outcome.Written) continue;
                    if (!stoppingToken.IsCancellationRequested) break;
                    DropQueued(reader, "the database refused the final flush");
                    return;
                }
            }
        }
        catch (Exception) when (_abort.IsCancellationRequested)
        {
            log.CountDropped(batch.Count);
            DropQueued(reader, "the shutdown timeout ran out");
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        log.Close(); // operations that finish from now on are counted as dropped
        await using var timeout = cancellationToken.Register(() => _abort.Cancel());
        await base.StopAsync(cancellationToken);
    }

    public override void Dispose()
    {
        _abort.Dispose();
        base.Dispose();
    }

    private TimeSpan Interval => TimeSpan.FromMilliseconds(options.Value.FlushIntervalMs);

    private TimeSpan Backoff()
    {
        var doubled = Interval * Math.Pow(2, Math.Min(_failures, 16));
        return doubled < MaxBackoff ? doubled : Interval > MaxBackoff ? Interval : MaxBackoff;
    }

    /// <summary>Waits, unless the node is stopping: then the queue is written at once.</summary>
    private async Task PauseAsync(TimeSpan delay, CancellationToken stoppingToken)
    {
        if (stoppingToken.IsCancellationRequested) return;
        try
        {
            await Task.Delay(delay, clock, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: flush now.
        }
    }

    private enum Outcome { Written, Dropped, Kept }

    /// <summary>Writes one batch: Dropped (and counted) when the database refused it, Kept when it was unreachable.</summary>
    private async Task<Outcome> WriteAsync(List<OperationRecord> batch)
    {
        try
        {
            await store.WriteAsync(batch, _abort.Token);
        }
        catch (Exception ex) when (!_abort.IsCancellationRequested && database.ReportFailure(ex))
        {
            if (_failures++ == 0) (_failingSince, _droppedWhenFailing) = (clock.GetTimestamp(), log.Dropped);
            return Outcome.Kept;
        }
        catch (Exception ex) when (!_abort.IsCancellationRequested)
        {
            log.CountDropped(batch.Count);
            if (_failures++ == 0)
            {
                _failingSince = clock.GetTimestamp();
                _droppedWhenFailing = log.Dropped - batch.Count;
            }
            if (!_refused) LogWriteFailing(logger, ex.GetType().Name, ex.Message);
            _refused = true;
            return Outcome.Dropped;
        }
        log.CountWritten(batch.Count);
        if (_failures > 0)
        {
            if (_refused) LogWriteBack(logger, clock.GetElapsedTime(_failingSince).TotalSeconds, log.Dropped - _droppedWhenFailing);
            _failures = 0;
            _refused = false;
        }
        return Outcome.Written;
    }

    private void DropQueued(System.Threading.Channels.ChannelReader<OperationRecord> reader, string why)
    {
        var left = 0;
        while (reader.TryRead(out _)) left++;
        if (left == 0) return;
        log.CountDropped(left);
        LogUnflushed(logger, left, why);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Operations cannot be written ({ErrorType}: {Reason}); each batch the database refuses is dropped and counted, retrying with back-off")]
    private static partial void LogWriteFailing(ILogger logger, string errorType, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Operations are written again after {Seconds:0.#} s; {Dropped} operation(s) were dropped meanwhile")]
    private static partial void LogWriteBack(ILogger logger, double seconds, long dropped);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} queued operation(s) were not written before the node stopped: {Why}")]
    private static partial void LogUnflushed(ILogger logger, int count, string why);
}

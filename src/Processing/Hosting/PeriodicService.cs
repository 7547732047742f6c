using Conflicto.Data.Infrastructure;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Conflicto.Processing.Hosting;

/// <summary>
/// A background loop that runs <see cref="TickAsync"/> every <see cref="Interval"/>. A failing
/// tick is logged and the loop goes on (the next tick retries); shutdown ends it quietly.
/// A tick that fails because the database is unreachable is not logged here: it is reported to
/// <see cref="DatabaseAvailability"/>, which logs the outage once for every loop, and the loop
/// waits longer after each such failure (<see cref="DatabaseAvailability.BackoffDelay"/>: from its
/// interval, doubling, capped) until a tick succeeds.
/// The schedule follows the registered <see cref="TimeProvider"/> (<see cref="Clock"/>), so tests
/// can drive a loop tick by tick; subclasses read the time from it too.
/// </summary>
public abstract class PeriodicService(TimeProvider clock, ILogger logger, DatabaseAvailability? database) : BackgroundService
{
    private int _outageFailures;

    /// <summary>For a loop that never touches the database: its failures are all logged as they come.</summary>
    protected PeriodicService(TimeProvider clock, ILogger logger) : this(clock, logger, null) { }

    protected TimeProvider Clock { get; } = clock;

    protected abstract TimeSpan Interval { get; }

    /// <summary>Failed ticks in a row against an unreachable database (0 once a tick succeeds).</summary>
    public int OutageFailures => Volatile.Read(ref _outageFailures);

    protected abstract Task TickAsync(CancellationToken ct);

    /// <summary>Called after a failed tick, to drop state the failure may have left half-updated.</summary>
    protected virtual void OnTickFailed() { }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var timer = new PeriodicTimer(Interval, Clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                if (!await TryTickAsync(stoppingToken)) continue;
                // Backed off: retry after each wait until a tick gets through, then start the
                // beat afresh, so the beats that passed during the waits do not fire at once.
                while (await TryTickAsync(stoppingToken)) { }
                timer.Dispose();
                timer = new PeriodicTimer(Interval, Clock);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
        finally
        {
            timer.Dispose();
        }
    }

    /// <summary>One tick; true when it met an unreachable database and has waited out the back-off, so the caller should retry now.</summary>
    private async Task<bool> TryTickAsync(CancellationToken stoppingToken)
    {
        try
        {
            await TickAsync(stoppingToken);
            Volatile.Write(ref _outageFailures, 0);
            return false;
        }
        catch (Exception ex) when (ex is not OperationCanceledException && database is not null && database.ReportFailure(ex))
        {
            OnTickFailed();
            await Task.Delay(database.BackoffDelay(Interlocked.Increment(ref _outageFailures), Interval), Clock, stoppingToken);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "{Service} failed; retrying in {IntervalMs} ms", GetType().Name, Interval.TotalMilliseconds);
            OnTickFailed();
            return false;
        }
    }
}

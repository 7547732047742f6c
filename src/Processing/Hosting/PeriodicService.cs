using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Conflicto.Processing.Hosting;

/// <summary>
/// A background loop that runs <see cref="TickAsync"/> every <see cref="Interval"/>. A failing
/// tick is logged and the loop goes on (the next tick retries); shutdown ends it quietly.
/// The schedule follows the registered <see cref="TimeProvider"/> (<see cref="Clock"/>), so tests
/// can drive a loop tick by tick; subclasses read the time from it too.
/// </summary>
public abstract class PeriodicService(TimeProvider clock, ILogger logger) : BackgroundService
{
    protected TimeProvider Clock { get; } = clock;

    protected abstract TimeSpan Interval { get; }

    protected abstract Task TickAsync(CancellationToken ct);

    /// <summary>Called after a failed tick, to drop state the failure may have left half-updated.</summary>
    protected virtual void OnTickFailed() { }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, Clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await TickAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogWarning(ex, "{Service} failed; retrying in {IntervalMs} ms", GetType().Name, Interval.TotalMilliseconds);
                    OnTickFailed();
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }
}

using Conflicto.Processing.Pipeline;
using Microsoft.Extensions.Options;

namespace Conflicto.Server.Shutdown;

/// <summary>
/// Drains the node when the host starts stopping (SIGTERM, Ctrl+C, or a test stopping its host):
/// new connections and requests are refused (<see cref="NodeDrain"/>), hub clients are told to
/// reconnect elsewhere (<see cref="HubReconnects"/>) while running jobs finish or are released
/// (<see cref="ProcessingWorkers.DrainAsync"/>). Only then does the host stop its services, in
/// reverse order of registration: the web server first (so every request and hub call has ended),
/// then the realtime services, the response writer (which writes what it accepted) and any other
/// write-behind log, then the processing loops, all within <see cref="ShutdownOptions.DrainSeconds"/>.
/// </summary>
/// <remarks>
/// The drain runs inside an <c>ApplicationStopping</c> callback and blocks it on purpose. SignalR
/// closes every connection in its own <c>ApplicationStopping</c> callback, registered when the hub
/// was mapped; callbacks run last-registered first, so this one (registered at start) runs before
/// it and holds it off until clients have been asked to leave. <c>Host.StopAsync</c> also waits for
/// the callbacks before stopping any service, so the web server keeps serving during the drain.
/// </remarks>
public sealed class GracefulShutdown(
    NodeDrain drain, HubReconnects hub, ProcessingWorkers workers, IHostApplicationLifetime lifetime,
    IOptions<ShutdownOptions> options, ILogger<GracefulShutdown> logger) : IHostedService, IDisposable
{
    private CancellationTokenRegistration _stopping;
    private CancellationTokenRegistration _stopped;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // On the thread pool: whoever calls StopApplication may hold a synchronization context the drain must not wait for.
        _stopping = lifetime.ApplicationStopping.Register(() => Task.Run(DrainAsync).GetAwaiter().GetResult());
        _stopped = lifetime.ApplicationStopped.Register(() =>
            logger.LogInformation("Stopped after {Seconds:0.0} s", drain.Elapsed.TotalSeconds));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The drain; runs once, however often stopping is signalled.</summary>
    public async Task DrainAsync()
    {
        if (!drain.Begin()) return;
        var plan = DrainPlan.For(options.Value.DrainSeconds, hub.Count);
        logger.LogInformation("Draining: up to {Seconds} s; new connections and requests get 503", plan.Total.TotalSeconds);
        try
        {
            var jobs = workers.DrainAsync(plan.FinishJobsWithin);
            await hub.MoveAsync(plan);
            var (finished, released) = await jobs;
            logger.LogInformation("Draining: {Finished} running jobs finished; Released {Released} jobs", finished, released);
        }
        catch (Exception ex)
        {
            // The host still stops (SignalR closes what is left, jobs left claimed are reclaimed
            // when their lease expires); the drain's failure must not hang the exit.
            logger.LogError(ex, "Draining failed after {Seconds:0.0} s; stopping without it", drain.Elapsed.TotalSeconds);
        }
    }

    public void Dispose()
    {
        _stopping.Dispose();
        _stopped.Dispose();
    }
}

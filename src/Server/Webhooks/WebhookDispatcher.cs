using System.Threading.Channels;
using Conflicto.Data.Events;
using Conflicto.Data.Infrastructure;
using Conflicto.Data.Webhooks;
using Microsoft.Extensions.Options;

namespace Conflicto.Server.Webhooks;

/// <summary>
/// Runs deliveries on this node: woken by its own commits (<see cref="ISessionEventObserver"/>)
/// and every <c>Webhooks:SweepSeconds</c> (other nodes' events, retries that came due, leases that
/// expired), it claims due streams, at most <c>Webhooks:MaxConcurrentStreams</c> at once, and hands
/// each to a <see cref="WebhookStreamWorker"/>. The leases in Postgres make several nodes share the
/// work with exactly one delivering a stream at a time.
/// </summary>
public sealed class WebhookDispatcher(
    WebhookOutbox outbox, WebhookStore store, GlobalWebhooks globals, WebhookStreamWorker worker, IOptions<WebhookOptions> options,
    DatabaseAvailability database, ILogger<WebhookDispatcher> logger) : BackgroundService, ISessionEventObserver
{
    private readonly Channel<bool> _signal = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>This process's name on the leases it holds.</summary>
    public string Owner { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    public void OnCommitted(IReadOnlyList<SessionEvent> events) => Wake();

    public void Wake() => _signal.Writer.TryWrite(true);

    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        var o = options.Value;
        if (!o.Enabled) return;
        await Task.Yield();
        var running = new List<Task>();
        var synced = globals.Count == 0;
        var failing = false;
        var lastSweep = DateTime.MinValue;
        while (!stop.IsCancellationRequested)
        {
            running.RemoveAll(t => t.IsCompleted);
            try
            {
                if (!synced) synced = await globals.SyncAsync(store, stop);
                if (globals.Count > 0 && DateTime.UtcNow - lastSweep >= TimeSpan.FromSeconds(o.SweepSeconds))
                {
                    await outbox.OpenGlobalStreamsAsync(stop);
                    lastSweep = DateTime.UtcNow;
                }
                var free = o.MaxConcurrentStreams - running.Count;
                if (free > 0)
                    foreach (var lease in await outbox.ClaimAsync(Owner, free, o.LeaseSeconds, stop))
                        running.Add(Task.Run(() => worker.RunAsync(lease, Owner, stop), CancellationToken.None));
                if (failing) logger.LogInformation("Webhook deliveries resumed: the database answers again");
                failing = false;
            }
            catch (Exception ex) when (!stop.IsCancellationRequested && database.ReportFailure(ex))
            {
                failing = false; // the outage and its end are logged once, by DatabaseAvailability; the sweep retries
            }
            catch (Exception ex) when (!stop.IsCancellationRequested)
            {
                if (!failing) logger.LogWarning("Webhook deliveries paused: {Reason}; retrying every {SweepSeconds} s", ex.Message, o.SweepSeconds);
                failing = true;
            }
            await WaitAsync(running, TimeSpan.FromSeconds(o.SweepSeconds), stop);
        }
        await Task.WhenAll(running);
    }

    /// <summary>Until a commit wakes it, a stream finishes (its slot is free, and its stream may have more), or the sweep is due.</summary>
    private async Task WaitAsync(List<Task> running, TimeSpan sweep, CancellationToken stop)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(stop);
        var signal = _signal.Reader.WaitToReadAsync(wait.Token).AsTask();
        var delay = Task.Delay(sweep, wait.Token);
        await Task.WhenAny([signal, delay, .. running]);
        await wait.CancelAsync();
        _signal.Reader.TryRead(out _);
        await Task.WhenAll(signal, delay).ContinueWith(_ => { }, TaskScheduler.Default); // observe their cancellation
    }
}

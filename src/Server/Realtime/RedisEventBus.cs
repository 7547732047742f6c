using System.Text.Json;
using Conflicto.Data.Events;
using StackExchange.Redis;

namespace Conflicto.Server.Realtime;

/// <summary>
/// Carries committed events between nodes over Redis pub/sub: each node publishes what it
/// commits and hands what the others commit to its own observers (streams, long-polls, the
/// polling cache). It is an accelerator, not the source of truth: a message lost while Redis is
/// down is found again in the event log by <see cref="StreamCatchUpService"/>, so nodes keep
/// serving their own clients and catch up when Redis returns.
/// </summary>
public sealed class RedisEventBus(IServiceProvider services, RedisConnection redis, BackplaneMetrics metrics, ILogger<RedisEventBus> logger)
    : BackgroundService, ISessionEventObserver
{
    private static readonly RedisChannel Channel = RedisChannel.Literal("conflicto:session-events");
    private readonly string _node = Guid.NewGuid().ToString("N");
    private ISessionEventObserver[]? _local;

    public void OnCommitted(IReadOnlyList<SessionEvent> events)
    {
        if (redis.Multiplexer is not { IsConnected: true } multiplexer)
        {
            metrics.NotPublished(); // catch-up covers the gap
            return;
        }
        var payload = JsonSerializer.SerializeToUtf8Bytes(new BusMessage(_node, events));
        // Fire and forget: the commit has happened; delivery to other nodes must not slow it down.
        multiplexer.GetSubscriber().Publish(Channel, payload, CommandFlags.FireAndForget);
        metrics.PublishedOne();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var multiplexer = await redis.ConnectAsync(stoppingToken);
        var queue = await SubscribeAsync(multiplexer.GetSubscriber(), stoppingToken);
        // Sequential handling keeps each node's events in publication order (streams reorder anyway).
        queue.OnMessage(message =>
        {
            try
            {
                var bus = JsonSerializer.Deserialize<BusMessage>((byte[])message.Message!);
                if (bus is null || bus.Node == _node || bus.Events.Count == 0) return;
                metrics.ReceivedOne();
                _local ??= services.GetServices<ISessionEventObserver>().Where(o => !ReferenceEquals(o, this)).ToArray();
                foreach (var observer in _local) observer.OnCommitted(bus.Events);
            }
            catch (Exception ex)
            {
                metrics.UnreadableOne();
                logger.LogWarning(ex, "Dropped an unreadable event-bus message");
            }
        });
        logger.LogInformation("Event bus subscribed on Redis as node {Node}", _node);
        try
        {
            await Task.Delay(Timeout.Infinite, stoppingToken);
        }
        catch (OperationCanceledException)
        {
            await queue.UnsubscribeAsync();
        }
    }

    /// <summary>
    /// Subscribes once Redis answers. A node may start during a Redis outage: a SUBSCRIBE held
    /// through it times out, which would end this service (and stop the host).
    /// </summary>
    private async Task<ChannelMessageQueue> SubscribeAsync(ISubscriber subscriber, CancellationToken stoppingToken)
    {
        while (true)
        {
            while (!subscriber.IsConnected()) await Task.Delay(TimeSpan.FromMilliseconds(250), stoppingToken);
            try
            {
                return await subscriber.SubscribeAsync(Channel);
            }
            catch (Exception ex) when (ex is RedisException or RedisTimeoutException)
            {
                logger.LogDebug(ex, "Event bus subscription failed; retrying once Redis answers");
                // The failed attempt left a queue nobody reads registered on the channel: drop it before the next.
                try
                {
                    await subscriber.UnsubscribeAsync(Channel);
                }
                catch (Exception cleanUp) when (cleanUp is RedisException or RedisTimeoutException)
                {
                    logger.LogDebug(cleanUp, "Event bus unsubscribe failed (Redis forgets a closed client's subscriptions itself)");
                }
            }
        }
    }

    private sealed record BusMessage(string Node, IReadOnlyList<SessionEvent> Events);
}

/// <summary>The node's Redis connection for the event bus; it reconnects by itself after outages (<see cref="RedisAvailability"/> logs them).</summary>
public sealed class RedisConnection(string configuration, RedisAvailability availability) : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public IConnectionMultiplexer? Multiplexer { get; private set; }

    public async Task<IConnectionMultiplexer> ConnectAsync(CancellationToken ct)
    {
        if (Multiplexer is not null) return Multiplexer;
        await _gate.WaitAsync(ct);
        try
        {
            if (Multiplexer is not null) return Multiplexer;
            var options = ConfigurationOptions.Parse(configuration);
            options.AbortOnConnectFail = false;
            using (availability.Connecting())
            {
                var multiplexer = await ConnectionMultiplexer.ConnectAsync(options);
                availability.Watch(multiplexer);
                return Multiplexer = multiplexer;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Multiplexer is not null) await Multiplexer.DisposeAsync();
    }
}

using StackExchange.Redis;

namespace Conflicto.Server.Realtime;

/// <summary>
/// The SignalR backplane's own Redis connection: <see cref="Microsoft.AspNetCore.SignalR.StackExchangeRedis.RedisHubLifetimeManager{THub}"/>
/// makes it through <c>RedisOptions.ConnectionFactory</c>, which calls <see cref="ConnectAsync"/>.
/// <see cref="BackplaneGuard{THub}"/> asks it whether Redis answers now, and hears when it is back.
/// </summary>
public sealed class RedisBackplane(RedisAvailability availability, IHostApplicationLifetime lifetime)
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);
    private volatile IConnectionMultiplexer? _multiplexer;
    private volatile ISubscriber? _subscriber;

    /// <summary>Raised (on a Redis thread: handlers only schedule work) each time one of the connection's sockets is restored.</summary>
    public event Action? Restored;

    /// <summary>Whether both sockets (commands and subscriptions) are connected: pub/sub works now.</summary>
    public bool IsConnected => _multiplexer is { IsConnected: true } && _subscriber is { } subscriber && subscriber.IsConnected();

    /// <summary>
    /// Connects, and returns only once Redis answers (or the node stops): the lifetime manager
    /// subscribes its node-wide channels (all, group management, acks, client results) right after
    /// this returns, once, and never again if that fails. A node that starts while Redis is down so
    /// gets them when Redis comes; its hub connections do not wait for that (<see cref="BackplaneGuard{THub}"/>).
    /// </summary>
    internal async Task<IConnectionMultiplexer> ConnectAsync(ConfigurationOptions configuration, TextWriter log)
    {
        IConnectionMultiplexer multiplexer;
        using (availability.Connecting())
        {
            multiplexer = await ConnectionMultiplexer.ConnectAsync(configuration, log);
            availability.Watch(multiplexer); // one log line per outage for both connections
        }
        multiplexer.ConnectionRestored += (_, _) => Restored?.Invoke();
        _subscriber = multiplexer.GetSubscriber();
        _multiplexer = multiplexer;
        try
        {
            while (!IsConnected) await Task.Delay(Poll, lifetime.ApplicationStopping);
        }
        catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            // Stopping: hand over the unconnected multiplexer; nothing will use it.
        }
        return multiplexer;
    }
}

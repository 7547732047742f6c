using StackExchange.Redis;

namespace Conflicto.Server.Realtime;

/// <summary>
/// Whether this node reaches Redis, as its two connections see it (the event bus's and the SignalR
/// backplane's): one line when it goes ("Redis unreachable: …" at Warning) and one when both are
/// connected again ("Redis back after N s"), however many connections fail and however often they
/// retry meanwhile. Nodes keep serving their own clients; the catch-up fills in from the database.
/// </summary>
public sealed class RedisAvailability(TimeProvider clock, IHostApplicationLifetime lifetime, ILogger<RedisAvailability> logger)
{
    private readonly object _gate = new();
    private readonly List<IConnectionMultiplexer> _watched = [];
    private int _connecting;
    private long? _downSince;
    private string? _reason;

    public bool IsReachable { get { lock (_gate) return _downSince is null && _watched.All(m => m.IsConnected); } }

    /// <summary>Why Redis is unreachable (the first failure's words), or null.</summary>
    public string? Reason { get { lock (_gate) return _downSince is null ? null : _reason; } }

    /// <summary>
    /// Marks a connection being made (dispose when <see cref="Watch"/> has it, or the attempt failed):
    /// while one is, Redis is not "back", so a connection that first tried during an outage and
    /// returns after another came back does not open a second outage.
    /// </summary>
    public IDisposable Connecting()
    {
        lock (_gate) _connecting++;
        return new Pending(this);
    }

    /// <summary>Follows a connection's failures and restorations.</summary>
    public void Watch(IConnectionMultiplexer multiplexer)
    {
        lock (_gate) _watched.Add(multiplexer);
        multiplexer.ConnectionFailed += (_, e) => Failed($"{e.FailureType} on {e.EndPoint}");
        multiplexer.ConnectionRestored += (_, _) => Restored();
        if (!multiplexer.IsConnected) Failed("not connected at start-up");
    }

    private void Done()
    {
        lock (_gate) _connecting--;
        Restored(); // the last pending connection may be the one everything waited for
    }

    private void Failed(string reason)
    {
        if (lifetime.ApplicationStopping.IsCancellationRequested) return; // closing its own connections is no outage
        lock (_gate)
        {
            if (_downSince is not null) return;
            (_downSince, _reason) = (clock.GetTimestamp(), reason);
        }
        logger.LogWarning("Redis unreachable: {Reason}; serving this node's clients, catching up from the database", reason);
    }

    private void Restored()
    {
        TimeSpan downFor;
        lock (_gate)
        {
            // Each connection (interactive, subscription; bus and backplane) reports on its own: back once all are.
            if (_downSince is not { } since || _connecting > 0 || !_watched.All(m => m.IsConnected)) return;
            downFor = clock.GetElapsedTime(since);
            (_downSince, _reason) = (null, null);
        }
        logger.LogInformation("Redis back after {Seconds} s", Math.Round(downFor.TotalSeconds, 1));
    }

    private sealed class Pending(RedisAvailability owner) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0) owner.Done();
        }
    }
}

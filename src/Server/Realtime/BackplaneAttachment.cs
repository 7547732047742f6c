using Microsoft.AspNetCore.SignalR;

namespace Conflicto.Server.Realtime;

/// <summary>
/// One hub connection as <see cref="BackplaneGuard{THub}"/> follows it: whether the Redis lifetime
/// manager holds its subscriptions, and the Redis-bound steps for it (set-up, repairs, clean-up),
/// run one after the other so a clean-up never overtakes the set-up it undoes.
/// </summary>
internal sealed class BackplaneAttachment(HubConnectionContext connection)
{
    private readonly object _gate = new();
    private Task _last = Task.CompletedTask;
    private bool _repairing;

    public HubConnectionContext Connection => connection;

    /// <summary>The lifetime manager holds this connection's subscriptions.</summary>
    public volatile bool Subscribed;

    /// <summary>The connection is gone: no more repairs; its clean-up is queued.</summary>
    public bool Closed { get { lock (_gate) return _closed; } }
    private bool _closed;

    /// <summary>Runs <paramref name="step"/> after the steps before it (steps log their own failures and do not throw).</summary>
    public Task Then(Func<Task> step)
    {
        lock (_gate) return _last = After(_last, step);
    }

    /// <summary>Marks the connection gone and queues its clean-up.</summary>
    public Task Close(Func<Task> cleanUp)
    {
        lock (_gate)
        {
            _closed = true;
            return _last = After(_last, cleanUp);
        }
    }

    /// <summary>Claims the repair of a connection that is open, not subscribed and not being repaired already.</summary>
    public bool TryStartRepair()
    {
        lock (_gate)
        {
            if (_closed || _repairing || Subscribed) return false;
            return _repairing = true;
        }
    }

    public void EndRepair()
    {
        lock (_gate) _repairing = false;
    }

    private static async Task After(Task previous, Func<Task> step)
    {
        await previous.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await step();
    }
}

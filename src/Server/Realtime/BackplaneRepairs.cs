using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;

namespace Conflicto.Server.Realtime;

/// <summary>
/// Gives hub connections whose Redis subscriptions failed (made while Redis was down) their
/// subscriptions once Redis is back. StackExchange.Redis does re-subscribe the channels it knows
/// after an outage, but a SUBSCRIBE that timed out leaves the lifetime manager without a reader for
/// it: messages for that connection from other nodes would pile up unread. So a repair undoes the
/// failed set-up (the lifetime manager's disconnect drops the channel and its queue) and does it again.
/// Failures are logged at Debug and retried (1 s, doubling to 30 s) while Redis answers; the
/// next restoration starts again what an outage interrupted.
/// </summary>
internal sealed partial class BackplaneRepairs<THub>(HubLifetimeManager<THub> inner, RedisBackplane backplane, ILogger logger) where THub : Hub
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(1), LastRetry = TimeSpan.FromSeconds(30);

    /// <summary>This node's connections, by id.</summary>
    public ConcurrentDictionary<string, BackplaneAttachment> Local { get; } = new();

    /// <summary>The end of a connection's first set-up (<paramref name="subscribing"/> is the lifetime manager's <c>OnConnectedAsync</c>).</summary>
    public async Task SubscribedAsync(BackplaneAttachment attachment, Task subscribing)
    {
        try
        {
            await subscribing;
            attachment.Subscribed = true;
            return;
        }
        catch (Exception ex)
        {
            LogSubscribeFailed(ex, attachment.Connection.ConnectionId);
        }
        // A command held through the outage times out after Redis may already be back: then no restoration is coming.
        if (backplane.IsConnected) Repair(attachment);
    }

    /// <summary>The lifetime manager forgets a connection that is gone (after its set-up, whatever became of it).</summary>
    public async Task UnsubscribeAsync(BackplaneAttachment attachment)
    {
        try
        {
            await inner.OnDisconnectedAsync(attachment.Connection);
        }
        catch (Exception ex)
        {
            LogUnsubscribeFailed(ex, attachment.Connection.ConnectionId);
        }
    }

    /// <summary>Redis is back (one of the backplane's sockets was restored): repair every connection that needs it.</summary>
    public void RepairAll()
    {
        var count = Local.Values.Count(Repair);
        if (count > 0) LogRepairing(count);
    }

    private bool Repair(BackplaneAttachment attachment)
    {
        if (!attachment.TryStartRepair()) return false;
        _ = attachment.Then(() => RepairAsync(attachment));
        return true;
    }

    private async Task RepairAsync(BackplaneAttachment attachment)
    {
        var id = attachment.Connection.ConnectionId;
        var wait = FirstRetry;
        try
        {
            while (!attachment.Closed && !attachment.Subscribed && backplane.IsConnected)
            {
                await UnsubscribeAsync(attachment);
                try
                {
                    await inner.OnConnectedAsync(attachment.Connection);
                    attachment.Subscribed = true;
                    LogRepaired(id);
                    return;
                }
                catch (Exception ex)
                {
                    LogSubscribeFailed(ex, id);
                }
                await Task.Delay(wait);
                wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, LastRetry.Ticks));
            }
        }
        finally
        {
            attachment.EndRepair();
        }
        // Redis went again: its next restoration repairs. It may have come back while this ran (and found the repair taken).
        if (backplane.IsConnected) Repair(attachment);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Redis subscriptions of hub connection {ConnectionId} failed; they are set up again once Redis answers")]
    private partial void LogSubscribeFailed(Exception ex, string connectionId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Redis clean-up of hub connection {ConnectionId} failed (Redis drops a closed client's subscriptions itself)")]
    private partial void LogUnsubscribeFailed(Exception ex, string connectionId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Redis back: setting up the subscriptions of {Count} hub connections made during the outage")]
    private partial void LogRepairing(int count);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Redis subscriptions of hub connection {ConnectionId} set up after the outage")]
    private partial void LogRepaired(string connectionId);
}

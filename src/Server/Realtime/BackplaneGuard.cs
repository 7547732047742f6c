using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using StackExchange.Redis;

namespace Conflicto.Server.Realtime;

/// <summary>
/// Keeps SignalR's Redis lifetime manager (the backplane) out of the way of hub connections while
/// Redis is unreachable. <c>RedisHubLifetimeManager</c> awaits a SUBSCRIBE per connection in
/// <c>OnConnectedAsync</c> (its connection channel, and its user's and groups' when it has any) and
/// UNSUBSCRIBEs in <c>OnDisconnectedAsync</c>; with Redis down StackExchange.Redis holds those
/// commands until its timeout (5 s) and then throws, and SignalR closes the connection (1011) that
/// had just completed its handshake. Session events never need it (the event bus and the database
/// catch-up carry them), so a connection must not wait for it either:
/// <list type="bullet">
/// <item>the wrapped manager still learns of each connection on the connection's own thread (its
/// synchronous part registers it locally), but the connection only waits for the subscriptions when
/// Redis answers, and then at most <see cref="Brief"/>; the rest completes in the background;</item>
/// <item>a connection whose subscriptions failed is set up again (unsubscribed, subscribed) once Redis
/// is back (<see cref="BackplaneRepairs{THub}"/>); without that it would miss messages sent to it from
/// other nodes (<c>Clients.Client(id)</c>, client results) for the rest of its life;</item>
/// <item>disconnects never wait for Redis: the unsubscribe runs after the connection's set-up, in the background;</item>
/// <item>messages that need Redis while it is down reach this node's connections directly and are
/// dropped for the others, with a Debug line (<see cref="RedisAvailability"/> logs the outage once);
/// a publish that fails while Redis seemed up is dropped with a Warning. No send throws into a hub method.</item>
/// </list>
/// With Redis up every call goes to the wrapped manager, which does what it does best: cross-node sends.
/// On a node that has not reached Redis since it started, the wrapped manager waits for its first
/// connection (<see cref="RedisBackplane.ConnectAsync"/>) before it registers anything: its set-up of
/// the connections made meanwhile (and the clean-up of those already gone, kept until then) runs
/// when Redis comes.
/// </summary>
public sealed partial class BackplaneGuard<THub> : HubLifetimeManager<THub> where THub : Hub
{
    /// <summary>How long a connection waits for its subscriptions when Redis answers (a SUBSCRIBE takes a millisecond; more means Redis just went).</summary>
    internal static readonly TimeSpan Brief = TimeSpan.FromSeconds(1);

    private readonly HubLifetimeManager<THub> _inner;
    private readonly RedisBackplane _backplane;
    private readonly ILogger _logger;
    private readonly BackplaneRepairs<THub> _repairs;
    private readonly ConcurrentDictionary<string, BackplaneAttachment> _local;

    /// <summary>The log category (not the generic type's name, which configuration cannot name).</summary>
    public const string LogCategory = "Conflicto.Server.Realtime.BackplaneGuard";

    public BackplaneGuard(HubLifetimeManager<THub> inner, RedisBackplane backplane, ILoggerFactory loggers)
    {
        (_inner, _backplane, _logger) = (inner, backplane, loggers.CreateLogger(LogCategory));
        _repairs = new(inner, backplane, _logger);
        _local = _repairs.Local;
        backplane.Restored += _repairs.RepairAll;
    }

    public override Task OnConnectedAsync(HubConnectionContext connection)
    {
        var attachment = new BackplaneAttachment(connection);
        _local[connection.ConnectionId] = attachment;
        Task subscribing;
        try
        {
            subscribing = _inner.OnConnectedAsync(connection);
        }
        catch (Exception ex)
        {
            subscribing = Task.FromException(ex);
        }
        return WaitBriefly(attachment.Then(() => _repairs.SubscribedAsync(attachment, subscribing)));
    }

    public override Task OnDisconnectedAsync(HubConnectionContext connection)
    {
        if (!_local.TryRemove(connection.ConnectionId, out var attachment)) return Task.CompletedTask;
        return WaitBriefly(attachment.Close(() => _repairs.UnsubscribeAsync(attachment)));
    }

    /// <summary>Lets the connection wait for Redis-bound work only while Redis answers, and briefly.</summary>
    private Task WaitBriefly(Task work) => work.IsCompleted || !_backplane.IsConnected ? Task.CompletedTask : Task.WhenAny(work, Task.Delay(Brief));

    public override Task SendAllAsync(string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        _backplane.IsConnected ? Guarded(_inner.SendAllAsync(methodName, args, cancellationToken), "all connections", methodName)
            : WriteLocal(_local.Values, methodName, args, "all connections", cancellationToken);

    public override Task SendAllExceptAsync(string methodName, object?[] args, IReadOnlyList<string> excludedConnectionIds, CancellationToken cancellationToken = default) =>
        _backplane.IsConnected ? Guarded(_inner.SendAllExceptAsync(methodName, args, excludedConnectionIds, cancellationToken), "all connections", methodName)
            : WriteLocal(_local.Values.Where(a => !excludedConnectionIds.Contains(a.Connection.ConnectionId)), methodName, args, "all connections", cancellationToken);

    public override Task SendConnectionAsync(string connectionId, string methodName, object?[] args, CancellationToken cancellationToken = default)
    {
        // A connection of this node is written to directly, Redis or not (the wrapped manager does the same).
        if (_local.TryGetValue(connectionId, out var attachment)) return attachment.Connection.WriteAsync(new InvocationMessage(methodName, args), cancellationToken).AsTask();
        return _backplane.IsConnected ? Guarded(_inner.SendConnectionAsync(connectionId, methodName, args, cancellationToken), $"connection {connectionId}", methodName)
            : Dropped($"connection {connectionId}", methodName);
    }

    public override Task SendConnectionsAsync(IReadOnlyList<string> connectionIds, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        _backplane.IsConnected ? Guarded(_inner.SendConnectionsAsync(connectionIds, methodName, args, cancellationToken), $"{connectionIds.Count} connections", methodName)
            : WriteLocal(connectionIds.Select(id => _local.GetValueOrDefault(id)).OfType<BackplaneAttachment>(), methodName, args, $"{connectionIds.Count} connections", cancellationToken);

    public override Task SendUserAsync(string userId, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        SendUsersAsync([userId], methodName, args, cancellationToken);

    public override Task SendUsersAsync(IReadOnlyList<string> userIds, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        _backplane.IsConnected ? Guarded(_inner.SendUsersAsync(userIds, methodName, args, cancellationToken), $"{userIds.Count} users", methodName)
            : WriteLocal(_local.Values.Where(a => a.Connection.UserIdentifier is { } user && userIds.Contains(user)), methodName, args, $"{userIds.Count} users", cancellationToken);

    // Group membership lives in the wrapped manager (and this app uses no groups): while Redis is down group messages are dropped, this node's members included.
    public override Task SendGroupAsync(string groupName, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        _backplane.IsConnected ? Guarded(_inner.SendGroupAsync(groupName, methodName, args, cancellationToken), $"group {groupName}", methodName) : Dropped($"group {groupName}", methodName);

    public override Task SendGroupsAsync(IReadOnlyList<string> groupNames, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        _backplane.IsConnected ? Guarded(_inner.SendGroupsAsync(groupNames, methodName, args, cancellationToken), $"{groupNames.Count} groups", methodName) : Dropped($"{groupNames.Count} groups", methodName);

    public override Task SendGroupExceptAsync(string groupName, string methodName, object?[] args, IReadOnlyList<string> excludedConnectionIds, CancellationToken cancellationToken = default) =>
        _backplane.IsConnected ? Guarded(_inner.SendGroupExceptAsync(groupName, methodName, args, excludedConnectionIds, cancellationToken), $"group {groupName}", methodName) : Dropped($"group {groupName}", methodName);

    // A group's Redis subscription made while Redis is down would never deliver (the wrapped manager does not repeat it): refuse the change at once, with the reason.
    public override Task AddToGroupAsync(string connectionId, string groupName, CancellationToken cancellationToken = default) =>
        _backplane.IsConnected ? _inner.AddToGroupAsync(connectionId, groupName, cancellationToken) : Task.FromException(Unreachable($"adding connection {connectionId} to group {groupName}"));

    public override Task RemoveFromGroupAsync(string connectionId, string groupName, CancellationToken cancellationToken = default) =>
        _backplane.IsConnected ? _inner.RemoveFromGroupAsync(connectionId, groupName, cancellationToken) : Task.FromException(Unreachable($"removing connection {connectionId} from group {groupName}"));

    // A client result needs an answer, so it cannot be dropped: a connection of another node is refused at once while Redis is down.
    public override Task<T> InvokeConnectionAsync<T>(string connectionId, string methodName, object?[] args, CancellationToken cancellationToken) =>
        _local.ContainsKey(connectionId) || _backplane.IsConnected ? _inner.InvokeConnectionAsync<T>(connectionId, methodName, args, cancellationToken)
            : Task.FromException<T>(Unreachable($"invoking {methodName} on connection {connectionId} (not on this node)"));

    public override Task SetConnectionResultAsync(string connectionId, CompletionMessage result) => _inner.SetConnectionResultAsync(connectionId, result);

    public override bool TryGetReturnType(string invocationId, [NotNullWhen(true)] out Type? type) => _inner.TryGetReturnType(invocationId, out type);

    private async Task Guarded(Task publish, string target, string method)
    {
        try
        {
            await publish;
        }
        catch (Exception ex) when (ex is RedisException or RedisTimeoutException)
        {
            LogPublishFailed(target, method, ex.Message);
        }
    }

    private Task WriteLocal(IEnumerable<BackplaneAttachment> local, string method, object?[] args, string target, CancellationToken ct)
    {
        var message = new InvocationMessage(method, args);
        var writes = local.Select(a => a.Connection.WriteAsync(message, ct).AsTask()).ToList();
        LogLocalOnly(method, target, writes.Count);
        return Task.WhenAll(writes);
    }

    private Task Dropped(string target, string method)
    {
        LogDropped(method, target);
        return Task.CompletedTask;
    }

    private IOException Unreachable(string what)
    {
        LogRefused(what);
        return new IOException($"Redis is unreachable: {what} needs the _backplane.");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Hub message {Method} to {Target} dropped: publishing it on Redis failed ({Reason})")]
    private partial void LogPublishFailed(string target, string method, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Redis unreachable: hub message {Method} to {Target} written to {Count} connections of this node only")]
    private partial void LogLocalOnly(string method, string target, int count);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Redis unreachable: hub message {Method} to {Target} dropped")]
    private partial void LogDropped(string method, string target);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis unreachable: refused {What}")]
    private partial void LogRefused(string what);
}

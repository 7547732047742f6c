using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http.Connections.Features;
using Microsoft.AspNetCore.SignalR;

namespace Conflicto.Server.Realtime;

/// <summary>The hub connections of this node, by connection id, and those of each participant.</summary>
public sealed class LocalConnections
{
    private readonly ConcurrentDictionary<string, HubConnectionContext> _connections = new();
    // Read once on connecting, on the connection's own thread: the metrics read this, never the
    // connection's feature collection, which is not safe to read while the connection changes it.
    private readonly ConcurrentDictionary<string, string> _transports = new();
    private readonly ConcurrentDictionary<string, int> _participantOf = new();
    private readonly Dictionary<int, List<HubConnectionContext>> _byParticipant = [];
    private readonly object _gate = new();

    public int Count => _connections.Count;

    internal void Add(HubConnectionContext connection)
    {
        _transports[connection.ConnectionId] = ConnectionCounts.NameOf(connection.Features.Get<IHttpTransportFeature>()?.TransportType);
        _connections[connection.ConnectionId] = connection;
    }

    internal void Remove(HubConnectionContext connection)
    {
        _connections.TryRemove(connection.ConnectionId, out _);
        _transports.TryRemove(connection.ConnectionId, out _);
        if (!_participantOf.TryRemove(connection.ConnectionId, out var participantId)) return;
        lock (_gate)
        {
            if (_byParticipant.TryGetValue(participantId, out var list) && list.Remove(connection) && list.Count == 0) _byParticipant.Remove(participantId);
        }
    }

    /// <summary>Each connection with its transport (a moment's view, for the metrics).</summary>
    internal IEnumerable<(string ConnectionId, string Transport)> Transports() => _transports.Select(t => (t.Key, t.Value));

    public HubConnectionContext? Find(string connectionId) => _connections.GetValueOrDefault(connectionId);

    /// <summary>A snapshot of every connection of this node.</summary>
    public IReadOnlyList<HubConnectionContext> All() => [.. _connections.Values];

    /// <summary>Notes that a connection acts for a participant (it authenticated with its token).</summary>
    internal void BindParticipant(HubConnectionContext connection, int participantId)
    {
        lock (_gate)
        {
            _participantOf[connection.ConnectionId] = participantId;
            if (!_byParticipant.TryGetValue(participantId, out var list)) _byParticipant[participantId] = list = [];
            list.Add(connection);
        }
    }

    public IReadOnlyList<HubConnectionContext> OfParticipant(int participantId)
    {
        lock (_gate) return _byParticipant.TryGetValue(participantId, out var list) ? [.. list] : [];
    }
}

/// <summary>
/// Wraps the real lifetime manager (in-memory, or Redis when configured) to learn this node's
/// connections. Session events are written to local connections directly, serialised once per
/// role variant, in seq order: they never depend on Redis being up (each node gets every event
/// from the event bus and the database), and a Redis hiccup cannot reorder them. Everything else
/// (targeted messages to connections on other nodes) goes through the wrapped manager.
/// </summary>
public sealed class TrackingHubLifetimeManager<THub>(HubLifetimeManager<THub> inner, LocalConnections local) : HubLifetimeManager<THub>
    where THub : Hub
{
    public override async Task OnConnectedAsync(HubConnectionContext connection)
    {
        await inner.OnConnectedAsync(connection);
        local.Add(connection);
    }

    public override async Task OnDisconnectedAsync(HubConnectionContext connection)
    {
        local.Remove(connection);
        await inner.OnDisconnectedAsync(connection);
    }

    public override Task SendAllAsync(string methodName, object?[] args, CancellationToken cancellationToken = default) => inner.SendAllAsync(methodName, args, cancellationToken);
    public override Task SendAllExceptAsync(string methodName, object?[] args, IReadOnlyList<string> excludedConnectionIds, CancellationToken cancellationToken = default) => inner.SendAllExceptAsync(methodName, args, excludedConnectionIds, cancellationToken);
    public override Task SendConnectionAsync(string connectionId, string methodName, object?[] args, CancellationToken cancellationToken = default) => inner.SendConnectionAsync(connectionId, methodName, args, cancellationToken);
    public override Task SendConnectionsAsync(IReadOnlyList<string> connectionIds, string methodName, object?[] args, CancellationToken cancellationToken = default) => inner.SendConnectionsAsync(connectionIds, methodName, args, cancellationToken);
    public override Task SendGroupAsync(string groupName, string methodName, object?[] args, CancellationToken cancellationToken = default) => inner.SendGroupAsync(groupName, methodName, args, cancellationToken);
    public override Task SendGroupsAsync(IReadOnlyList<string> groupNames, string methodName, object?[] args, CancellationToken cancellationToken = default) => inner.SendGroupsAsync(groupNames, methodName, args, cancellationToken);
    public override Task SendGroupExceptAsync(string groupName, string methodName, object?[] args, IReadOnlyList<string> excludedConnectionIds, CancellationToken cancellationToken = default) => inner.SendGroupExceptAsync(groupName, methodName, args, excludedConnectionIds, cancellationToken);
    public override Task SendUserAsync(string userId, string methodName, object?[] args, CancellationToken cancellationToken = default) => inner.SendUserAsync(userId, methodName, args, cancellationToken);
    public override Task SendUsersAsync(IReadOnlyList<string> userIds, string methodName, object?[] args, CancellationToken cancellationToken = default) => inner.SendUsersAsync(userIds, methodName, args, cancellationToken);
    public override Task AddToGroupAsync(string connectionId, string groupName, CancellationToken cancellationToken = default) => inner.AddToGroupAsync(connectionId, groupName, cancellationToken);
    public override Task RemoveFromGroupAsync(string connectionId, string groupName, CancellationToken cancellationToken = default) => inner.RemoveFromGroupAsync(connectionId, groupName, cancellationToken);
    public override Task<T> InvokeConnectionAsync<T>(string connectionId, string methodName, object?[] args, CancellationToken cancellationToken) => inner.InvokeConnectionAsync<T>(connectionId, methodName, args, cancellationToken);
    public override Task SetConnectionResultAsync(string connectionId, Microsoft.AspNetCore.SignalR.Protocol.CompletionMessage result) => inner.SetConnectionResultAsync(connectionId, result);
    public override bool TryGetReturnType(string invocationId, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Type? type) => inner.TryGetReturnType(invocationId, out type);
}

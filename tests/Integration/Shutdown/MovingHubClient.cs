using System.Text.Json;
using Conflicto.Tests.Integration.Infrastructure;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace Conflicto.Tests.Integration.Shutdown;

/// <summary>
/// A hub client that reconnects "through a load balancer", written out: when the server asks it
/// to move (<c>Reconnect</c>) or its connection closes, it connects to the next node's URL and
/// joins again from its last seq, as the web client does (docs/realtime.md). Events applied on
/// every connection are kept, in order, so a test can check the stream across the move.
/// </summary>
public sealed class MovingHubClient(IReadOnlyList<string> nodes, string? accessToken, int sessionId, string? joinCode = null) : IAsyncDisposable
{
    private readonly List<JsonElement> _earlier = [];
    private readonly SemaphoreSlim _moving = new(1, 1);
    private SessionHubClient _current = null!;
    private TaskCompletionSource<SessionHubClient> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _node;
    private int _notices;
    private bool _disposed;

    /// <summary>How many times the server asked this client to reconnect.</summary>
    public int ReconnectNotices => Volatile.Read(ref _notices);

    /// <summary>Which node (index into the URLs) the client is on now.</summary>
    public int Node => Volatile.Read(ref _node);

    public long LastSeq => _current.LastSeq;

    /// <summary>Every event applied, on every connection, in the order applied.</summary>
    public IReadOnlyList<JsonElement> Events
    {
        get
        {
            lock (_earlier) return [.. _earlier, .. _current.Events];
        }
    }

    public async Task StartAsync() => _ready.SetResult(await ConnectAsync(afterSeq: null));

    /// <summary>The connected and joined client (waits, bounded, while the client is moving).</summary>
    public Task<SessionHubClient> ReadyAsync() => Volatile.Read(ref _ready).Task.WaitAsync(TimeSpan.FromSeconds(30));

    private async Task<SessionHubClient> ConnectAsync(long? afterSeq)
    {
        var client = SessionHubClient.Create(null, nodes[Node], accessToken, HttpTransportType.WebSockets, version: 2);
        client.Connection.On<object>("Reconnect", _ =>
        {
            Interlocked.Increment(ref _notices);
            _ = client.Connection.StopAsync(); // leave now; Closed moves the client on
        });
        client.Connection.Closed += _ => MoveAsync(client);
        await client.StartAsync();
        await client.JoinAsync(sessionId, afterSeq, joinCode);
        lock (_earlier) _current = client;
        return client;
    }

    private async Task MoveAsync(SessionHubClient from)
    {
        await _moving.WaitAsync();
        try
        {
            if (_disposed || from != _current) return;
            Volatile.Write(ref _ready, new TaskCompletionSource<SessionHubClient>(TaskCreationOptions.RunContinuationsAsynchronously));
            var (events, lastSeq) = await from.HandOverAsync();
            lock (_earlier) _earlier.AddRange(events);
            Interlocked.Exchange(ref _node, Math.Min(Node + 1, nodes.Count - 1));
            _ready.SetResult(await ConnectAsync(lastSeq));
            await from.DisposeAsync();
        }
        catch (Exception ex)
        {
            _ready.TrySetException(ex);
        }
        finally
        {
            _moving.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _moving.WaitAsync();
        _disposed = true;
        _moving.Release();
        if (_current is not null) await _current.DisposeAsync();
    }
}

using System.Collections.Concurrent;
using System.Text.Json;
using Conflicto.Tests.Integration.Infrastructure;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace Conflicto.Tests.Integration.Faults;

/// <summary>
/// A hub client (stream v2) that survives faults as the web client does: when its connection
/// closes it connects again, to the same node if it is up and else to the other, and joins with
/// its last seq (afterSeq), retrying until it is back. Events applied on every connection are
/// kept in order; each resume is recorded (when, and whether the server replayed the gap).
/// With <c>trackResults</c> it also keeps the newest <c>Results</c> document per activity.
/// </summary>
public sealed class FaultHubClient(FaultCluster cluster, int node, string? accessToken, int sessionId, bool trackResults = false) : IAsyncDisposable
{
    private static readonly TimeSpan ResumeDeadline = TimeSpan.FromSeconds(90);
    private readonly List<JsonElement> _earlier = [];
    private readonly ConcurrentDictionary<string, JsonElement> _results = new();
    private readonly ConcurrentQueue<(DateTime At, bool Recovered)> _resumes = new();
    private readonly SemaphoreSlim _moving = new(1, 1);
    private SessionHubClient? _current;
    private TaskCompletionSource<SessionHubClient> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _node = node;
    private volatile bool _disposed;

    public int Node => Volatile.Read(ref _node);
    public long LastSeq => _current?.LastSeq ?? 0;
    public DateTime? DroppedAt { get; private set; }
    public IReadOnlyCollection<(DateTime At, bool Recovered)> Resumes => _resumes;
    public bool Connected => Volatile.Read(ref _ready).Task.IsCompletedSuccessfully;

    /// <summary>Every event applied, on every connection, in the order applied.</summary>
    public IReadOnlyList<JsonElement> Events
    {
        get { lock (_earlier) return [.. _earlier, .. _current?.Events ?? []]; }
    }

    /// <summary>The newest Results document received per activity (live, or in a join's snapshot).</summary>
    public JsonElement? ResultsOf(Guid activityId) => _results.TryGetValue(activityId.ToString(), out var r) ? r : null;

    public async Task StartAsync() => _ready.SetResult(await ConnectAsync(afterSeq: null));

    /// <summary>Closes the connection, as a network blip would: the client reconnects and resumes on its own.</summary>
    public async Task DropAsync()
    {
        var current = await ReadyAsync();
        await current.Connection.StopAsync();
    }

    /// <summary>The connected and joined client (waits, bounded, while the client is away).</summary>
    public Task<SessionHubClient> ReadyAsync() => Volatile.Read(ref _ready).Task.WaitAsync(ResumeDeadline);

    private async Task<SessionHubClient> ConnectAsync(long? afterSeq)
    {
        var client = SessionHubClient.Create(null, cluster.Url(Node), accessToken, HttpTransportType.WebSockets, version: 2);
        if (trackResults) client.Connection.On<object>("Results", r => Keep(SessionHubClient.ToJson(r)));
        client.Connection.Closed += error => { _ = Task.Run(() => MoveAsync(client)); return Task.CompletedTask; }; // never inside the client's own close
        try
        {
            await client.StartAsync();
            var joined = await client.JoinAsync(sessionId, afterSeq);
            if (trackResults)
                foreach (var r in joined.GetProperty("snapshot").GetProperty("results").EnumerateArray()) Keep(r);
            if (afterSeq is not null) _resumes.Enqueue((DateTime.UtcNow, joined.GetProperty("recovered").GetBoolean()));
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }
        lock (_earlier) _current = client;
        return client;
    }

    private void Keep(JsonElement results)
    {
        var activity = results.GetProperty("activityId").GetString()!;
        _results.AddOrUpdate(activity, results, (_, held) =>
            results.GetProperty("asOfSeq").GetInt64() >= held.GetProperty("asOfSeq").GetInt64() ? results : held);
    }

    /// <summary>The connection closed: reconnect (same node if up, else the other) and resume from the last seq.</summary>
    private async Task MoveAsync(SessionHubClient from)
    {
        await _moving.WaitAsync();
        try
        {
            if (_disposed || from != _current) return;
            DroppedAt = DateTime.UtcNow;
            Volatile.Write(ref _ready, new TaskCompletionSource<SessionHubClient>(TaskCreationOptions.RunContinuationsAsynchronously));
            var (events, lastSeq) = await from.HandOverAsync();
            lock (_earlier) _earlier.AddRange(events);
            var deadline = DateTime.UtcNow + ResumeDeadline;
            while (true)
            {
                Interlocked.Exchange(ref _node, cluster.NextUp(Node));
                try
                {
                    _ready.SetResult(await ConnectAsync(lastSeq));
                    break;
                }
                catch (Exception) when (DateTime.UtcNow < deadline && !_disposed)
                {
                    // The node is gone or cannot serve yet (its database or Redis is away): try again.
                    await Task.Delay(Random.Shared.Next(200, 500));
                }
            }
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
        _disposed = true;
        await _moving.WaitAsync();
        _moving.Release();
        if (_current is not null) await _current.DisposeAsync();
    }
}

using System.Diagnostics;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Conflicto.Load.Clients;

/// <summary>
/// A hub client following the documented protocol (docs/realtime.md): events before the join
/// answer are buffered, seqs already applied are skipped. It stamps the arrival of every event
/// (Stopwatch ticks, taken first thing in the handler) so fan-out latency can be computed
/// against the moment the change was made, and it counts gaps (a live event whose seq is not
/// last + 1), which a correct server never produces for a connected client.
/// </summary>
public sealed class LoadHubClient : IAsyncDisposable
{
    private readonly Dictionary<long, long> _arrivals = [];
    private readonly List<EventMessage> _early = [];
    private readonly object _gate = new();
    private bool _joined;

    private LoadHubClient(HubConnection connection)
    {
        Connection = connection;
        connection.On<EventMessage>("Event", OnEvent);
        connection.On<ResultsMessage>("Results", r => ResultsReceived?.Invoke(r, Stopwatch.GetTimestamp()));
    }

    public HubConnection Connection { get; }

    public long LastSeq { get; private set; }

    public int Gaps { get; private set; }

    public event Action<ResultsMessage, long>? ResultsReceived;

    public static LoadHubClient Create(Uri node, string? accessToken, bool messagePack, string hubPath = "/hubs/session")
    {
        var builder = new HubConnectionBuilder().WithUrl(new Uri(node, hubPath), options =>
        {
            options.Transports = HttpTransportType.WebSockets;
            options.SkipNegotiation = true; // WebSockets only: one round trip fewer per connect
            if (accessToken is not null) options.AccessTokenProvider = () => Task.FromResult<string?>(accessToken);
        });
        if (messagePack) builder.AddMessagePackProtocol();
        var connection = builder.Build();
        connection.ServerTimeout = TimeSpan.FromSeconds(60); // a saturated 2-core box must not look like a dead server
        return new LoadHubClient(connection);
    }

    /// <summary>Starts the connection and joins the session (viewers pass the join code).</summary>
    public async Task ConnectAsync(int sessionId, string? joinCode, CancellationToken ct)
    {
        await Connection.StartAsync(ct);
        var result = await Connection.InvokeAsync<JoinResult>("JoinSession", new { sessionId, afterSeq = (long?)null, joinCode }, ct);
        lock (_gate)
        {
            LastSeq = result.Snapshot.LastSeq;
            foreach (var e in result.Events.Where(e => e.Seq > LastSeq)) LastSeq = e.Seq;
            _joined = true;
            foreach (var e in _early) ApplyLocked(e);
            _early.Clear();
        }
    }

    /// <summary>Starts a connection to a hub without sessions (the baseline's bare hub): events apply from seq 1.</summary>
    public async Task ConnectBareAsync(CancellationToken ct)
    {
        await Connection.StartAsync(ct);
        lock (_gate)
        {
            _joined = true;
            foreach (var e in _early) ApplyLocked(e);
            _early.Clear();
        }
    }

    /// <summary>When this client received the event with this seq (Stopwatch ticks), if it did live.</summary>
    public long? ArrivalOf(long seq)
    {
        lock (_gate) return _arrivals.TryGetValue(seq, out var at) ? at : null;
    }

    /// <summary>Waits (bounded) until the client applied at least this seq.</summary>
    public async Task<bool> WaitForSeqAsync(long seq, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (LastSeq < seq)
        {
            if (clock.Elapsed > timeout) return false;
            await Task.Delay(5);
        }
        return true;
    }

    private void OnEvent(EventMessage e)
    {
        var now = Stopwatch.GetTimestamp();
        lock (_gate)
        {
            _arrivals.TryAdd(e.Seq, now);
            if (!_joined) _early.Add(e);
            else ApplyLocked(e);
        }
    }

    private void ApplyLocked(EventMessage e)
    {
        if (e.Seq <= LastSeq) return;
        if (e.Seq > LastSeq + 1) Gaps++;
        LastSeq = e.Seq;
    }

    public async ValueTask DisposeAsync() => await Connection.DisposeAsync();
}

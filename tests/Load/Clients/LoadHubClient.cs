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
/// last + 1), which a correct server never produces for a connected client. It keeps every seq
/// it holds, so that holes can be listed (<see cref="HolesUpTo"/>). A severable client
/// (<see cref="Create"/>) can lose its link like a network would and resume on a new connection
/// with its last seq (<see cref="Sever"/>, <see cref="ResumeAsync"/>).
/// </summary>
public sealed class LoadHubClient : IAsyncDisposable
{
    private readonly Dictionary<long, long> _arrivals = [];
    private readonly List<EventMessage> _early = [];
    private readonly List<HubConnection> _retired = [];
    private readonly object _gate = new();
    private readonly SeqCoverage _coverage = new(); // its first snapshot's 1..lastSeq and each event applied since
    private readonly Func<HubConnection> _build;
    private readonly SeverableTransport? _transport;
    private bool _joined;
    private int _generation;
    private (int SessionId, string? JoinCode)? _session;

    private LoadHubClient(Func<HubConnection> build, SeverableTransport? transport)
    {
        _build = build;
        _transport = transport;
        Connection = Attach(build());
    }

    /// <summary>The current connection (a new one after each <see cref="ResumeAsync"/>).</summary>
    public HubConnection Connection { get; private set; }

    public long LastSeq { get; private set; }

    public int Gaps { get; private set; }

    /// <summary>Bytes received over its links (severable clients only).</summary>
    public long? BytesReceived => _transport?.BytesReceived;

    public event Action<ResultsMessage, long>? ResultsReceived;

    /// <param name="severable">
    /// Open the WebSocket through a <see cref="SeverableTransport"/> so that <see cref="Sever"/>
    /// works; off by default, so other scenarios keep SignalR's own transport path.
    /// </param>
    /// <param name="tally">When given, every WebSocket message the client sends or receives is counted there (<see cref="CountingWebSocket"/>).</param>
    public static LoadHubClient Create(Uri node, string? accessToken, bool messagePack, string hubPath = "/hubs/session", bool severable = false, WebSocketTally? tally = null)
    {
        var transport = severable ? new SeverableTransport() : null;
        return new LoadHubClient(() =>
        {
            var builder = new HubConnectionBuilder().WithUrl(new Uri(node, hubPath), options =>
            {
                options.Transports = HttpTransportType.WebSockets;
                options.SkipNegotiation = true; // WebSockets only: one round trip fewer per connect
                if (accessToken is not null) options.AccessTokenProvider = () => Task.FromResult<string?>(accessToken);
                if (transport is not null)
                    options.WebSocketFactory = tally is null ? transport.ConnectAsync : async (context, ct) => Counted(await transport.ConnectAsync(context, ct), tally);
                else if (tally is not null)
                    options.WebSocketFactory = (context, ct) => ConnectCountedAsync(context.Uri, accessToken, tally, ct);
            });
            if (messagePack) builder.AddMessagePackProtocol();
            var connection = builder.Build();
            connection.ServerTimeout = TimeSpan.FromSeconds(60); // a saturated 2-core box must not look like a dead server
            return connection;
        }, transport);
    }

    /// <summary>
    /// What SignalR's own factory does (the token as a Bearer header), minus the WebSocket-level
    /// keep-alive: browsers send none, and the hub protocol's pings (every 15 s when idle) already
    /// keep the connection alive, so every message the client sends is a counted hub message.
    /// </summary>
    private static async ValueTask<System.Net.WebSockets.WebSocket> ConnectCountedAsync(Uri uri, string? accessToken, WebSocketTally tally, CancellationToken ct)
    {
        var socket = new System.Net.WebSockets.ClientWebSocket();
        try
        {
            socket.Options.KeepAliveInterval = TimeSpan.Zero;
            if (accessToken is not null) socket.Options.SetRequestHeader("Authorization", $"Bearer {accessToken}");
            await socket.ConnectAsync(uri, ct);
            return Counted(socket, tally);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static CountingWebSocket Counted(System.Net.WebSockets.WebSocket socket, WebSocketTally tally)
    {
        tally.CountOpened();
        return new CountingWebSocket(socket, tally);
    }

    /// <summary>Starts the connection and joins the session (viewers pass the join code).</summary>
    public async Task<JoinOutcome> ConnectAsync(int sessionId, string? joinCode, CancellationToken ct)
    {
        _session = (sessionId, joinCode);
        await Connection.StartAsync(ct);
        return await JoinAsync(afterSeq: null, ct);
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

    /// <summary>Cuts the link without telling the server (see <see cref="DropMode"/>); the client keeps what it applied.</summary>
    public void Sever(DropMode mode)
    {
        if (_transport is null) throw new InvalidOperationException("this client was not created severable");
        lock (_gate) _generation++; // anything the old link still delivers is ignored
        _transport.Sever(mode);
    }

    /// <summary>
    /// Resumes on a new connection (docs/realtime.md, client protocol step 4): start, then
    /// <c>JoinSession</c> with the last applied seq. Returns after the answer and the events
    /// buffered meanwhile are applied; the old connection is disposed with the client.
    /// </summary>
    public async Task<JoinOutcome> ResumeAsync(CancellationToken ct)
    {
        if (_session is null) throw new InvalidOperationException("resume needs an earlier ConnectAsync");
        var connection = Attach(_build());
        lock (_gate)
        {
            _retired.Add(Connection);
            Connection = connection;
            _joined = false;
            _early.Clear();
        }
        await connection.StartAsync(ct);
        return await JoinAsync(LastSeq, ct);
    }

    private async Task<JoinOutcome> JoinAsync(long? afterSeq, CancellationToken ct)
    {
        var (sessionId, joinCode) = _session!.Value;
        var startedAt = Stopwatch.GetTimestamp();
        var result = await Connection.InvokeAsync<JoinResult>("JoinSession", new { sessionId, afterSeq, joinCode }, ct);
        lock (_gate)
        {
            var before = LastSeq;
            if (afterSeq is null) _coverage.CoverThrough(result.Snapshot.LastSeq);
            // The snapshot is the truth to start from on a first join or when history was not
            // kept; in the latter case the seqs it skips stay holes in the coverage (missed events).
            if (afterSeq is null || !result.Recovered) LastSeq = Math.Max(LastSeq, result.Snapshot.LastSeq);
            var applied = result.Events.Count(ApplyLocked);
            _joined = true;
            foreach (var e in _early) ApplyLocked(e);
            _early.Clear();
            return new JoinOutcome(result.Recovered, result.Snapshot.LastSeq, result.Events.Count, applied, before, LastSeq, startedAt, Stopwatch.GetTimestamp());
        }
    }

    /// <summary>The seqs of 1..<paramref name="last"/> this client does not hold (neither in its first snapshot nor applied since).</summary>
    public IReadOnlyList<(long From, long To)> HolesUpTo(long last)
    {
        lock (_gate) return _coverage.HolesUpTo(last);
    }

    /// <summary>Events this client applied twice (a client bug: seqs already held must be skipped).</summary>
    public long RepeatedSeqs
    {
        get { lock (_gate) return _coverage.Repeats; }
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

    private HubConnection Attach(HubConnection connection)
    {
        int generation;
        lock (_gate) generation = ++_generation;
        connection.On<EventMessage>("Event", e => OnEvent(generation, e));
        connection.On<ResultsMessage>("Results", r => ResultsReceived?.Invoke(r, Stopwatch.GetTimestamp()));
        return connection;
    }

    private void OnEvent(int generation, EventMessage e)
    {
        var now = Stopwatch.GetTimestamp();
        lock (_gate)
        {
            if (generation != _generation) return; // a link that was severed
            _arrivals.TryAdd(e.Seq, now);
            if (!_joined) _early.Add(e);
            else ApplyLocked(e);
        }
    }

    /// <summary>Applies one event unless already held; true when it was new.</summary>
    private bool ApplyLocked(EventMessage e)
    {
        if (e.Seq <= LastSeq) return false;
        if (e.Seq > LastSeq + 1) Gaps++;
        LastSeq = e.Seq;
        _coverage.Add(e.Seq);
        return true;
    }

    public async ValueTask DisposeAsync()
    {
        await Connection.DisposeAsync();
        // Severed links first, so that disposing their connections does not wait out a close
        // handshake that can never come (SignalR's CloseTimeout) on a silenced link.
        _transport?.Dispose();
        foreach (var old in _retired) await old.DisposeAsync();
    }
}

/// <summary>
/// What one JoinSession answer did: whether history was recovered, the snapshot's seq, how many
/// events came with it and how many were new, the client's last seq before and after applying
/// (buffered live events included), and when the call started and everything was applied
/// (Stopwatch ticks).
/// </summary>
public sealed record JoinOutcome(
    bool Recovered, long SnapshotSeq, int EventsReturned, int EventsApplied, long SeqBefore, long SeqAfter, long JoinStartedAt, long DoneAt);

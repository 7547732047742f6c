using System.Diagnostics;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Conflicto.Load.Clients;

/// <summary>
/// A hub client following the documented protocol (docs/realtime.md), stream version 1 or 2 as
/// asked in <c>JoinSession</c>: events before the join answer are buffered; <c>Event(envelope)</c>
/// is a batch of one and <c>Events([...])</c> a batch of many; and the v2 client rule is applied
/// to every envelope (seq at or below the last applied: duplicate, dropped; <c>prevSeq</c> above
/// it: a gap, counted, and the client re-joins with <c>afterSeq</c> = its last seq; otherwise
/// applied). A v1 envelope or an older server's has no <c>prevSeq</c>: it is seq - 1, so the same
/// rule is the v1 rule. It stamps the arrival of every envelope (Stopwatch ticks, taken first
/// thing in the handler) so fan-out latency can be computed against the moment the change was
/// made, counts hub messages and deliveries (envelopes) apart, and keeps every seq it holds or
/// that its stream skipped, so that holes can be listed (<see cref="HolesUpTo"/>). A severable
/// client (<see cref="Create"/>) can lose its link like a network would and resume on a new
/// connection with its last seq (<see cref="Sever"/>, <see cref="ResumeAsync"/>).
/// </summary>
public sealed class LoadHubClient : IAsyncDisposable
{
    private readonly Dictionary<long, long> _arrivals = [];
    private readonly List<HubConnection> _retired = [];
    private readonly List<string> _rejoinErrors = [];
    private readonly object _gate = new();
    private readonly EventStream _stream = new();
    private readonly Func<HubConnection> _build;
    private readonly SeverableTransport? _transport;
    private readonly int _streamVersion;
    private int _generation;
    private int _rejoins;
    private (int SessionId, string? JoinCode)? _session;

    private LoadHubClient(Func<HubConnection> build, SeverableTransport? transport, int streamVersion)
    {
        _build = build;
        _transport = transport;
        _streamVersion = streamVersion;
        Connection = Attach(build());
    }

    /// <summary>The current connection (a new one after each <see cref="ResumeAsync"/>).</summary>
    public HubConnection Connection { get; private set; }

    public long LastSeq
    {
        get { lock (_gate) return _stream.LastSeq; }
    }

    /// <summary>Envelopes whose <c>prevSeq</c> was above the last applied seq (live ones made the client re-join).</summary>
    public int Gaps
    {
        get { lock (_gate) return _stream.Gaps; }
    }

    /// <summary>Re-joins made because of a gap, and the ones that failed (their errors in <see cref="RejoinErrors"/>).</summary>
    public int Rejoins => Volatile.Read(ref _rejoins);

    public IReadOnlyList<string> RejoinErrors
    {
        get { lock (_gate) return [.. _rejoinErrors]; }
    }

    /// <summary>Hub messages carrying events received live (<c>Event</c> or <c>Events</c>): a batch of 5 is 1.</summary>
    public long MessagesReceived
    {
        get { lock (_gate) return _stream.Messages; }
    }

    /// <summary>Envelopes received live, duplicates included: a batch of 5 is 5.</summary>
    public long DeliveriesReceived
    {
        get { lock (_gate) return _stream.Deliveries; }
    }

    /// <summary>Bytes received over its links (severable clients only).</summary>
    public long? BytesReceived => _transport?.BytesReceived;

    public event Action<ResultsMessage, long>? ResultsReceived;

    /// <summary>A <c>Presence</c> message and when it arrived (Stopwatch ticks).</summary>
    public event Action<PresenceMessage, long>? PresenceReceived;

    /// <summary>Every live event applied (with its arrival time, Stopwatch ticks); not the ones a join answer carries.</summary>
    public event Action<EventMessage, long>? EventReceived;

    /// <param name="protocol">Wire protocol and the stream version asked in JoinSession (<see cref="Runner.LoadOptions.Hub"/>).</param>
    /// <param name="severable">
    /// Open the WebSocket through a <see cref="SeverableTransport"/> so that <see cref="Sever"/>
    /// works; off by default, so other scenarios keep SignalR's own transport path.
    /// </param>
    /// <param name="tally">When given, every WebSocket message the client sends or receives is counted there (<see cref="CountingWebSocket"/>).</param>
    public static LoadHubClient Create(Uri node, string? accessToken, HubProtocol protocol, string hubPath = "/hubs/session", bool severable = false, WebSocketTally? tally = null)
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
            if (protocol.MessagePack) builder.AddMessagePackProtocol();
            var connection = builder.Build();
            connection.ServerTimeout = TimeSpan.FromSeconds(60); // a saturated 2-core box must not look like a dead server
            return connection;
        }, transport, protocol.StreamVersion);
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
        lock (_gate) _stream.StartBare();
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
            _stream.Reset();
        }
        await connection.StartAsync(ct);
        return await JoinAsync(LastSeq, ct);
    }

    private async Task<JoinOutcome> JoinAsync(long? afterSeq, CancellationToken ct)
    {
        var (sessionId, joinCode) = _session!.Value;
        var startedAt = Stopwatch.GetTimestamp();
        var result = await Connection.InvokeAsync<JoinResult>("JoinSession", new { sessionId, afterSeq, joinCode, version = _streamVersion }, ct);
        lock (_gate)
        {
            var before = _stream.LastSeq;
            var applied = _stream.ApplyJoin(afterSeq, result.Snapshot.LastSeq, result.Recovered, result.Events);
            return new JoinOutcome(result.Recovered, result.Snapshot.LastSeq, result.Events.Count, applied, before, _stream.LastSeq, startedAt, Stopwatch.GetTimestamp());
        }
    }

    /// <summary>The seqs of 1..<paramref name="last"/> this client does not hold (neither in its first snapshot nor applied since).</summary>
    public IReadOnlyList<(long From, long To)> HolesUpTo(long last)
    {
        lock (_gate) return _stream.Coverage.HolesUpTo(last);
    }

    /// <summary>Events this client applied twice (a client bug: seqs already held must be skipped).</summary>
    public long RepeatedSeqs
    {
        get { lock (_gate) return _stream.Coverage.Repeats; }
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
        connection.On<EventMessage>("Event", e => OnEvents(generation, [e]));
        connection.On<List<EventMessage>>("Events", batch => OnEvents(generation, batch));
        connection.On<ResultsMessage>("Results", r => ResultsReceived?.Invoke(r, Stopwatch.GetTimestamp()));
        connection.On<PresenceMessage>("Presence", p => PresenceReceived?.Invoke(p, Stopwatch.GetTimestamp()));
        return connection;
    }

    private void OnEvents(int generation, IReadOnlyList<EventMessage> batch)
    {
        var now = Stopwatch.GetTimestamp();
        bool rejoin;
        lock (_gate)
        {
            if (generation != _generation) return; // a link that was severed
            foreach (var e in batch) _arrivals.TryAdd(e.Seq, now);
            rejoin = _stream.Receive(batch, canRejoin: _session is not null);
        }
        if (EventReceived is { } received)
            foreach (var e in batch) received(e, now);
        if (rejoin) _ = RejoinAsync(); // the v2 client rule: re-join after what it holds
    }

    private async Task RejoinAsync()
    {
        Interlocked.Increment(ref _rejoins);
        try
        {
            await JoinAsync(LastSeq, CancellationToken.None);
        }
        catch (Exception e)
        {
            // Reported by the scenarios with the gap count; the client stays unjoined (buffering).
            lock (_gate) _rejoinErrors.Add(Stats.Metrics.Describe(e));
        }
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

using System.Diagnostics;
using Conflicto.Load.Clients;
using Conflicto.Load.Shapes;
using Microsoft.AspNetCore.SignalR.Client;

namespace Conflicto.Load.Scenarios.Classroom;

/// <summary>
/// One live session: the host (admin code), a viewer (join code) and participants (join by
/// code over REST, then the hub with their token), all connected and following the stream.
/// </summary>
public sealed class Classroom : IAsyncDisposable
{
    private static readonly TimeSpan DeliveryTimeout = TimeSpan.FromSeconds(15);
    private readonly ScenarioContext _ctx;
    private readonly List<LoadHubClient> _all = [];
    private readonly bool _severable;
    private readonly WebSocketTally? _tally;

    private Classroom(ScenarioContext ctx, bool severable, WebSocketTally? tally)
    {
        _ctx = ctx;
        _severable = severable;
        _tally = tally;
    }

    public int SessionId { get; private set; }
    public string AdminCode { get; private set; } = "";
    public LoadHubClient Host { get; private set; } = null!;
    public LoadHubClient Viewer { get; private set; } = null!;
    public List<LoadHubClient> Participants { get; } = [];

    /// <summary>Everyone who must see every change: participants and the viewer.</summary>
    public IEnumerable<LoadHubClient> Followers => Participants.Append(Viewer);

    /// <summary>Sum of live gaps seen by any client (must stay 0).</summary>
    public int Gaps => _all.Sum(c => c.Gaps);

    /// <summary>The highest seq of a host change made through <see cref="TransitionAsync"/>: an event every role sees.</summary>
    public long LastBroadcastSeq => Interlocked.Read(ref _lastBroadcastSeq);

    private long _lastBroadcastSeq;

    /// <param name="severable">Participants' links can be cut like a network's (<see cref="LoadHubClient.Sever"/>).</param>
    /// <param name="joinAllFirst">
    /// Everyone joins over REST before anyone connects to the hub. Each join is an event for
    /// everyone already connected, so joining while connected costs O(N²) deliveries in total: fine
    /// for a class, hours of set-up for 10,000. Scenarios that measure something else use this.
    /// </param>
    /// <param name="tally">Counts what the followers (participants and viewer) receive: messages and bytes (<see cref="CountingWebSocket"/>).</param>
    public static async Task<Classroom> OpenAsync(ScenarioContext ctx, int participants, TimeSpan rampUp, CancellationToken ct,
        bool severable = false, bool joinAllFirst = false, WebSocketTally? tally = null)
    {
        var room = new Classroom(ctx, severable, tally);
        try
        {
            await room.OpenCoreAsync(participants, rampUp, joinAllFirst, ct);
            return room;
        }
        catch
        {
            await room.DisposeAsync();
            throw;
        }
    }

    private async Task OpenCoreAsync(int participants, TimeSpan rampUp, bool joinAllFirst, CancellationToken ct)
    {
        var node = _ctx.Target.UrlFor(0);
        var protocol = _ctx.Options.Hub;
        var session = await _ctx.TimeAsync("session.create", () => _ctx.Rest.PostAsync(node, "/api/v1/sessions/",
            new { title = "Load classroom", max_participants = Math.Max(participants, 1) }));
        SessionId = session["id"]!.GetValue<int>();
        AdminCode = session["admin_code"]!.ToString();
        var joinCode = session["join_code"]!.ToString();

        Host = Track(LoadHubClient.Create(node, AdminCode, protocol));
        await _ctx.TimeAsync("hub.connect", async () => { await Host.ConnectAsync(SessionId, null, ct); return 0; });
        Viewer = Track(LoadHubClient.Create(_ctx.Target.UrlFor(1), null, protocol, tally: _tally));
        await _ctx.TimeAsync("hub.connect", async () => { await Viewer.ConnectAsync(SessionId, joinCode, ct); return 0; });
        await _ctx.TimeAsync("host.status", () => Host.Connection.InvokeAsync<long>("SetSessionStatus", "active", ct));

        if (joinAllFirst)
        {
            await JoinThenConnectAsync(participants, protocol, ct);
            return;
        }
        // Participants arrive spread over the ramp-up (a class does not join in the same millisecond).
        var shape = new ClosedModel(participants, rampUp);
        var clock = Stopwatch.StartNew();
        var joined = new LoadHubClient?[participants];
        // Bounded: every join is an event fanned out to everyone already connected (O(N²) in
        // total), so a large class outruns a one-core server; unbounded joins would time out.
        using var gate = new SemaphoreSlim(_ctx.Options.Int("join-concurrency", 16, 1, 1000));
        await Task.WhenAll(Enumerable.Range(0, participants).Select(async i =>
        {
            var wait = shape.StartOf(i) - clock.Elapsed;
            if (wait > TimeSpan.Zero) await Task.Delay(wait, ct);
            await gate.WaitAsync(ct);
            try
            {
                var token = await JoinRestAsync(i);
                joined[i] = await ConnectAsync(i, token, protocol, ct);
            }
            finally { gate.Release(); }
        }));
        Participants.AddRange(joined.Select(c => c!));
    }

    private async Task JoinThenConnectAsync(int participants, HubProtocol protocol, CancellationToken ct)
    {
        using var gate = new SemaphoreSlim(_ctx.Options.Int("join-concurrency", 16, 1, 1000));
        var tokens = new string[participants];
        _ctx.Phase = $"{participants} participants joining (REST)";
        await Task.WhenAll(Enumerable.Range(0, participants).Select(async i =>
        {
            await gate.WaitAsync(ct);
            try { tokens[i] = await JoinRestAsync(i); }
            finally { gate.Release(); }
        }));
        _ctx.Phase = $"{participants} participants connecting (hub)";
        var joined = new LoadHubClient?[participants];
        await Task.WhenAll(Enumerable.Range(0, participants).Select(async i =>
        {
            await gate.WaitAsync(ct);
            try { joined[i] = await ConnectAsync(i, tokens[i], protocol, ct); }
            finally { gate.Release(); }
        }));
        Participants.AddRange(joined.Select(c => c!));
    }

    private async Task<string> JoinRestAsync(int i)
    {
        var join = await _ctx.TimeAsync("participant.join", () => _ctx.Rest.PostAsync(_ctx.Target.UrlFor(i),
            $"/api/v1/sessions/{SessionId}/join", new { nickname = $"p{i}" }));
        return join["participant_token"]!.ToString();
    }

    private async Task<LoadHubClient> ConnectAsync(int i, string token, HubProtocol protocol, CancellationToken ct)
    {
        var client = Track(LoadHubClient.Create(_ctx.Target.UrlFor(i), token, protocol, severable: _severable, tally: _tally));
        await _ctx.TimeAsync("hub.connect", async () => { await client.ConnectAsync(SessionId, null, ct); return 0; });
        return client;
    }

    private LoadHubClient Track(LoadHubClient client)
    {
        lock (_all) _all.Add(client);
        return client;
    }

    /// <summary>
    /// The host moves an activity over the hub; the fan-out latency of each follower is the time
    /// from just before the call to that follower receiving the event with the returned seq.
    /// </summary>
    public async Task TransitionAsync(Guid activityId, string state, CancellationToken ct)
    {
        var start = Stopwatch.GetTimestamp();
        var seq = await _ctx.TimeAsync("host.transition", () => Host.Connection.InvokeAsync<long>("TransitionActivity", activityId, state, false, ct));
        InterlockedMax(ref _lastBroadcastSeq, seq);
        await Task.WhenAll(Followers.Select(async (client, i) =>
        {
            if (!await client.WaitForSeqAsync(seq, DeliveryTimeout))
            {
                _ctx.Metrics.Fail("fanout.state_changed", $"a client did not receive seq {seq} within {DeliveryTimeout.TotalSeconds} s");
                return;
            }
            if (client.ArrivalOf(seq) is { } at) _ctx.Metrics.Ok("fanout.state_changed", Stopwatch.GetElapsedTime(start, at));
            else _ctx.Metrics.Fail("fanout.state_changed", $"seq {seq} was skipped (not received live)");
        }));
    }

    private static void InterlockedMax(ref long target, long value)
    {
        var seen = Interlocked.Read(ref target);
        while (value > seen)
        {
            var was = Interlocked.CompareExchange(ref target, value, seen);
            if (was == seen) return;
            seen = was;
        }
    }

    public async ValueTask DisposeAsync()
    {
        List<LoadHubClient> all;
        lock (_all) all = [.. _all];
        foreach (var chunk in all.Chunk(64))
            await Task.WhenAll(chunk.Select(c => c.DisposeAsync().AsTask()));
    }
}

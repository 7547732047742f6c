using System.Diagnostics;
using System.Globalization;
using Conflicto.Load.Clients;
using Conflicto.Load.Reporting;
using Microsoft.AspNetCore.SignalR.Client;

namespace Conflicto.Load.Scenarios.JoinStorm;

/// <summary>
/// An audience scanning the QR code: <c>--participants N</c> phones arrive <c>--rate R</c> a
/// second (open model: nobody waits for the one before), each doing REST join → hub connect →
/// JoinSession, and stay connected. A host is connected throughout; its live count (Presence)
/// must keep moving and end at N. Nothing warms the server up: the runner has just started it,
/// and the first <c>--first F</c> arrivals (500) are reported apart from the rest so that a
/// cold start shows. Measures join-to-ready per participant (start of the REST join → the
/// JoinSession answer applied), the time until all are ready, server CPU per participant (all,
/// first F, after F), and checks zero errors, every participant ready and the host's final count.
/// </summary>
public sealed class JoinStormScenario : IScenario
{
    private static readonly TimeSpan CountTimeout = TimeSpan.FromSeconds(15);

    public string Name => "join-storm";

    public async Task RunAsync(ScenarioContext ctx, CancellationToken ct)
    {
        var schedule = ArrivalSchedule.Create(
            ctx.Options.Int("participants", 1000, 1, 100_000), ctx.Options.Double("rate", 200, 0.1), ctx.Options.Int("first", 500, 0));
        var node = ctx.Target.UrlFor(0);
        var n = schedule.Count;

        ctx.Phase = "session and host";
        var session = await ctx.TimeAsync("session.create", () => ctx.Rest.PostAsync(node, "/api/v1/sessions/", new { title = "Join storm", max_participants = n }));
        var sessionId = session["id"]!.GetValue<int>();
        var adminCode = session["admin_code"]!.ToString();
        await using var host = LoadHubClient.Create(node, adminCode, ctx.Options.Hub);
        var count = new HostCount();
        count.Attach(host);
        await ctx.TimeAsync("host.connect", () => host.ConnectAsync(sessionId, null, ct));
        await ctx.TimeAsync("host.status", () => host.Connection.InvokeAsync<long>("SetSessionStatus", "active", ct));

        var clients = new List<LoadHubClient>(n);
        void Track(LoadHubClient c) { lock (clients) clients.Add(c); }
        try
        {
            await StormAsync(ctx, schedule, sessionId, host, count, Track, ct);
        }
        finally
        {
            ctx.Phase = "disconnecting";
            List<LoadHubClient> all;
            lock (clients) all = [.. clients];
            foreach (var chunk in all.Chunk(128)) await Task.WhenAll(chunk.Select(c => c.DisposeAsync().AsTask()));
        }
    }

    private static async Task StormAsync(ScenarioContext ctx, ArrivalSchedule schedule, int sessionId, LoadHubClient host, HostCount count,
        Action<LoadHubClient> track, CancellationToken ct)
    {
        var n = schedule.Count;
        var phone = new Phone(ctx, schedule, sessionId);
        var arrivals = new Task<LoadHubClient?>[n];
        var server = ctx.Target.Server;
        (double? Cpu, int Ready)? firstDone = null; // when the first group was all done: server CPU, participants ready by then
        var readySoFar = 0;
        var firstDoneCount = 0;
        var inFlight = 0;
        var peakInFlight = 0;

        ctx.Phase = $"storm: {n} arrivals at {schedule.RatePerSecond}/s";
        ctx.Metrics.StartRecording(); // the window: first arrival → everyone ready (server CPU per participant)
        var cpuAtStart = server?.CpuSeconds;
        var stormStart = Stopwatch.GetTimestamp();
        for (var i = 0; i < n; i++)
        {
            var due = schedule.TimeOf(i);
            var wait = due - Stopwatch.GetElapsedTime(stormStart);
            if (wait > TimeSpan.FromMilliseconds(1)) await Task.Delay(wait, ct);
            var index = i;
            arrivals[i] = Task.Run(async () =>
            {
                ctx.Metrics.Ok("client.arrival_lateness", Stopwatch.GetElapsedTime(stormStart) - due);
                var now = Interlocked.Increment(ref inFlight);
                InterlockedMax(ref peakInFlight, now);
                LoadHubClient? client = null;
                try
                {
                    client = await phone.ArriveAsync(index, track, ct);
                    return client;
                }
                finally
                {
                    Interlocked.Decrement(ref inFlight);
                    var total = client is null ? Volatile.Read(ref readySoFar) : Interlocked.Increment(ref readySoFar);
                    // The first group is done when each of it is ready or has failed.
                    if (schedule.IsFirst(index) && Interlocked.Increment(ref firstDoneCount) == schedule.First) firstDone = (server?.CpuSeconds, total);
                }
            }, CancellationToken.None);
            if (i % 100 == 0) ctx.Phase = $"storm: {i}/{n} arrived, {Volatile.Read(ref inFlight)} joining";
        }
        var ready = await Task.WhenAll(arrivals);
        var allReadyAt = Stopwatch.GetTimestamp();
        ctx.Metrics.EndWindow();
        var cpuAtEnd = server?.CpuSeconds;

        ctx.Phase = "host count";
        var readyCount = ready.Count(c => c is not null);
        var countReached = await count.WaitForAsync(readyCount, CountTimeout);
        var countAt = count.FirstReached(readyCount) ?? Stopwatch.GetTimestamp();
        var longest = HostCount.LongestWithoutUpdate(count.Updates.Select(u => u.At), stormStart, Math.Max(allReadyAt, countAt));
        var allReady = Stopwatch.GetElapsedTime(stormStart, allReadyAt);

        ctx.Figure("participants ready", readyCount, $"of {n}");
        ctx.Figure("all ready (first arrival → last JoinSession answer)", allReady.TotalSeconds, "s");
        ctx.Figure("last arrival due at", schedule.LastArrival.TotalSeconds, "s");
        ctx.Figure("peak arrivals in flight", peakInFlight, "");
        if (peakInFlight > RestClient.MaxConnectionsPerServer)
            ctx.Limit($"{peakInFlight} arrivals in flight at once: REST joins beyond {RestClient.MaxConnectionsPerServer} waited for a connection of the client's pool (their join-to-ready includes that wait)");
        ctx.Figure("host count updates (Presence) during the storm", count.Updates.Count(u => u.At >= stormStart && u.At <= Math.Max(allReadyAt, countAt)), "");
        ctx.Figure("longest interval between host count updates", longest.TotalMilliseconds, "ms");
        ctx.Figure("host count lag after the last participant was ready", Stopwatch.GetElapsedTime(allReadyAt, Math.Max(allReadyAt, countAt)).TotalMilliseconds, "ms");
        ctx.Figure("host final participant count", count.Latest ?? 0, "");
        ctx.Figure("host deliveries per hub message", host.MessagesReceived == 0 ? 0 : host.DeliveriesReceived / (double)host.MessagesReceived, "");
        if (readyCount > 0) ctx.ServerCpuPerItem("server CPU per participant (all)", readyCount);
        // Work in flight at the cut is counted on the side it ran: a fair split while the server
        // keeps up, a rough one when it falls behind (then the first group ends late, with many others).
        if (cpuAtStart is { } c0 && firstDone is ({ } cf, var readyThen) && cpuAtEnd is { } ce && readyThen > 0 && readyThen < readyCount)
        {
            ctx.Figure($"server CPU per participant until the first {schedule.First} were done ({readyThen} ready by then)", (cf - c0) * 1e6 / readyThen, "µs");
            ctx.Figure("server CPU per participant after that", (ce - cf) * 1e6 / (readyCount - readyThen), "µs");
        }

        ctx.Check("every participant ready", readyCount == n, $"{readyCount} of {n} joined, connected and got their JoinSession answer");
        ctx.Check("host count reached N", countReached && count.Latest == n,
            $"host's last Presence participantCount {count.Latest?.ToString(CultureInfo.InvariantCulture) ?? "none"}, expected {n}");
        var participantGaps = ready.Sum(c => c?.Gaps ?? 0);
        ctx.Check("seq-complete streams", host.Gaps == 0 && participantGaps == 0 && host.RejoinErrors.Count == 0,
            $"host: {host.Gaps} gaps over {host.DeliveriesReceived} deliveries; participants: {participantGaps} gaps");
        ctx.Table(Targets(ctx, n, allReady, longest));
    }

    /// <summary>The issue's targets (#11) against what this run measured; a target at another size is shown for reference.</summary>
    private static ReportTable Targets(ScenarioContext ctx, int n, TimeSpan allReady, TimeSpan longest)
    {
        var ci = CultureInfo.InvariantCulture;
        var p99 = ctx.Metrics.Step(Phone.JoinToReady).Summarize(ctx.Metrics.MeasuredSeconds).P99Ms;
        string Verdict(bool met) => met ? "met" : "missed";
        return new ReportTable("Targets (issue #11: 10,000 participants)", ["Figure", "Measured", "Target", "Verdict"],
        [
            [$"all {n:N0} ready", $"{allReady.TotalSeconds.ToString("0.0", ci)} s", "10,000 within 60 s", n >= 10_000 ? Verdict(allReady.TotalSeconds <= 60) : "(smaller run)"],
            ["join-to-ready p99", $"{p99.ToString("0", ci)} ms", "≤ 1,000 ms", Verdict(p99 <= 1000)],
            ["longest interval between host count updates", $"{longest.TotalMilliseconds.ToString("0", ci)} ms", "live throughout", "—"],
        ],
        ["join-to-ready: start of the REST join → JoinSession answer applied, per participant",
         "host count updates: Presence messages received by the host between the first arrival and the moment its count reached the ready participants"]);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var seen = Volatile.Read(ref target);
        while (value > seen)
        {
            var was = Interlocked.CompareExchange(ref target, value, seen);
            if (was == seen) return;
            seen = was;
        }
    }
}

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Sockets;
using Conflicto.Load.Clients;
using Conflicto.Load.Shapes;
using Conflicto.Load.Target;
using Microsoft.AspNetCore.SignalR.Client;

namespace Conflicto.Load.Scenarios.Baseline;

/// <summary>
/// The fanout load (N clients, R broadcasts/s) through a bare SignalR hub started by the runner
/// (pinned to CPU 0 when possible, the runner on CPU 1): the figures to divide ours by. With
/// <c>--payload-bytes B</c> each delivery is padded to B bytes on the wire (framing included):
/// before the followers connect, one probe client receives an unpadded broadcast to measure the
/// framing, and the padding is B minus that. Give it the fanout run's "bytes per delivery" so
/// that both hubs send deliveries of the same size (scripts/bench-fanout.sh does).
/// </summary>
public sealed class BaselineScenario : IScenario
{
    public string Name => "baseline";

    public bool UsesConflictoServer => false;

    public async Task RunAsync(ScenarioContext ctx, CancellationToken ct)
    {
        var participants = ctx.Options.Int("participants", 1000, 1, 20_000);
        var rate = ctx.Options.Double("rate", 20, 0.1);
        var port = Loopback.FreePort();
        var pin = !ctx.Options.Flag("no-pin") && Environment.ProcessorCount >= 2 && File.Exists("/usr/bin/taskset");
        var self = typeof(BaselineScenario).Assembly.Location;
        var start = pin
            ? new ProcessStartInfo("/usr/bin/taskset", ["-c", "0", "dotnet", self, "baseline-server", port.ToString()])
            : new ProcessStartInfo("dotnet", [self, "baseline-server", port.ToString()]);
        start.Environment["DOTNET_gcServer"] = "0";
        using var server = Process.Start(start) ?? throw new InvalidOperationException("could not start the bare hub");
        try
        {
            await WaitListeningAsync(port, server, ct);
            if (pin && OperatingSystem.IsLinux()) Process.GetCurrentProcess().ProcessorAffinity = 2;
            await RunLoadAsync(ctx, new Uri($"http://127.0.0.1:{port}"), server.Id, participants, rate, ct);
            ctx.Figure("bare hub RSS at the end", ProcStat.RssBytes(server.Id) / (1024.0 * 1024), "MiB");
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10)).ContinueWith(_ => { });
        }
    }

    private static async Task RunLoadAsync(ScenarioContext ctx, Uri url, int pid, int participants, double rate, CancellationToken ct)
    {
        var protocol = ctx.Options.Hub;
        ctx.HubDescription = $"{(protocol.MessagePack ? "MessagePack" : "JSON")} over WebSockets, bare hub: one Event message per broadcast";
        await using var host = LoadHubClient.Create(url, null, protocol, BareHubServer.Path);
        await host.ConnectBareAsync(ct);
        var padding = await PaddingForAsync(ctx, url, host, ctx.Options.Int("payload-bytes", 0), ct);

        ctx.Phase = $"{participants} clients connecting";
        var tally = new WebSocketTally();
        var followers = new LoadHubClient[participants];
        using var gate = new SemaphoreSlim(32);
        await Task.WhenAll(Enumerable.Range(0, participants).Select(async i =>
        {
            await gate.WaitAsync(ct);
            try
            {
                followers[i] = LoadHubClient.Create(url, null, protocol, BareHubServer.Path, tally: tally);
                await ctx.TimeAsync("hub.connect", async () => { await followers[i].ConnectBareAsync(ct); return 0; });
            }
            finally { gate.Release(); }
        }));
        var received = new ReceivedBytes(tally, followers);
        ctx.Metrics.WindowStarted += received.Start;

        double cpuStart = 0, cpuEnd = 0;
        ctx.Metrics.WindowStarted += () => cpuStart = ProcStat.CpuSeconds(pid);
        ctx.Metrics.WindowEnded += () => cpuEnd = ProcStat.CpuSeconds(pid);
        var sent = new ConcurrentDictionary<long, (long Start, bool Measured)>();
        ctx.Phase = $"{rate}/s broadcasts to {participants} clients";
        var runner = new ShapeRunner(ctx.Metrics, ctx.Options.Seconds("warmup", 2), ctx.Options.Seconds("duration", 10));
        await runner.RunOpenAsync(new OpenModel(rate, TimeSpan.Zero), async (k, token) =>
        {
            var begin = Stopwatch.GetTimestamp();
            var measured = ctx.Metrics.Recording;
            await ctx.TimeAsync("host.broadcast", () => host.Connection.InvokeAsync<long>("Broadcast", k, padding, token));
            sent[k] = (begin, measured); // only what went out: a failed broadcast is the step's failure, not a missed delivery
        }, maxInFlight: 64, ct);

        ctx.Phase = "draining";
        var last = sent.Keys.DefaultIfEmpty(0).Max();
        await DeliveryTally.DrainAsync(followers, last, TimeSpan.FromSeconds(10));
        var deliveries = DeliveryTally.Record(ctx, followers, sent);
        received.Record(ctx);
        if (deliveries > 0) ctx.Figure("bare hub CPU per delivery", (cpuEnd - cpuStart) * 1e6 / deliveries, "µs");
        foreach (var chunk in followers.Chunk(64)) await Task.WhenAll(chunk.Select(c => c.DisposeAsync().AsTask()));
    }

    /// <summary>
    /// The padding that makes a delivery <paramref name="payloadBytes"/> long on the wire: one
    /// unpadded broadcast to a probe client measures the framing (0 = no padding, no probe).
    /// </summary>
    private static async Task<int> PaddingForAsync(ScenarioContext ctx, Uri url, LoadHubClient host, int payloadBytes, CancellationToken ct)
    {
        if (payloadBytes <= 0) return 0;
        var tally = new WebSocketTally();
        await using var probe = LoadHubClient.Create(url, null, ctx.Options.Hub, BareHubServer.Path, tally: tally);
        await probe.ConnectBareAsync(ct);
        var before = tally.BytesReceived;
        await host.Connection.InvokeAsync<long>("Broadcast", 1L, 0, ct);
        if (!await probe.WaitForSeqAsync(1, TimeSpan.FromSeconds(10))) throw new TimeoutException("the probe did not receive the calibration broadcast");
        var framing = tally.BytesReceived - before;
        var padding = (int)Math.Max(0, payloadBytes - framing);
        ctx.Figure("bare event framing (unpadded delivery)", framing, "B");
        ctx.Figure("padding per bare event", padding, "B");
        return padding;
    }

    private static async Task WaitListeningAsync(int port, Process server, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (server.HasExited) throw new InvalidOperationException($"the bare hub exited with code {server.ExitCode}");
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync("127.0.0.1", port, ct);
                return;
            }
            catch (SocketException) { await Task.Delay(100, ct); }
        }
        throw new TimeoutException("the bare hub did not start listening within 30 s");
    }
}

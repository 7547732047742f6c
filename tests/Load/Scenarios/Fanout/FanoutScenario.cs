using System.Collections.Concurrent;
using System.Diagnostics;
using Conflicto.Load.Clients;
using Conflicto.Load.Scenarios.Classroom;
using Conflicto.Load.Shapes;
using Microsoft.AspNetCore.SignalR.Client;

namespace Conflicto.Load.Scenarios.Fanout;

/// <summary>
/// N connected participants; the host makes changes at a fixed rate (open model: the schedule
/// does not wait for slow calls). Each change toggles one of a few published activities between
/// published and active (forced back, and opened with keepOthersOpen so that no other activity
/// expires): an ordinary state change, one activity.state_changed event for everyone, which
/// stream v2 sends slim (draft ↔ published would reveal the activity to participants and so carry
/// all of it). Deliveries are matched to changes after the run (clients only stamp arrivals while
/// it runs), so measuring costs the client little: per delivery latency, last-client latency per
/// event, deliveries/s, bytes per delivery (what the followers' WebSockets received, divided by
/// the envelopes in it), server CPU µs per delivery and server memory per connection.
/// </summary>
public sealed class FanoutScenario : IScenario
{
    private const int Activities = 8;

    public string Name => "fanout";

    public async Task RunAsync(ScenarioContext ctx, CancellationToken ct)
    {
        var participants = ctx.Options.Int("participants", 1000, 1, 20_000);
        var rate = ctx.Options.Double("rate", 20, 0.1);
        var duration = ctx.Options.Seconds("duration", 10);
        var warmUp = ctx.Options.Seconds("warmup", 2);

        ctx.Phase = $"{participants} participants joining";
        var rssBefore = ctx.Target.Server?.RssBytes;
        var tally = new WebSocketTally();
        await using var room = await Classroom.Classroom.OpenAsync(ctx, participants, ctx.Options.Seconds("ramp-up", 5), ct, joinAllFirst: true, tally: tally);
        if (rssBefore is { } before && ctx.Target.Server?.RssBytes is { } after)
            ctx.Figure("server memory per connection", (after - before) / 1024.0 / (participants + 2), "KiB");

        var node = ctx.Target.UrlFor(0);
        var ids = new List<Guid>();
        for (var a = 0; a < Activities; a++)
        {
            var created = await ctx.Rest.PostAsync(node, $"/api/v1/sessions/{room.SessionId}/activities/framework",
                new { activity_type = "poll", title = $"Fan-out {a}", configuration = new { question = "?", options = new[] { "a", "b" } } },
                adminCode: room.AdminCode);
            var id = Guid.Parse(created["id"]!.ToString());
            await room.Host.Connection.InvokeAsync<long>("TransitionActivity", id, "published", false, false, ct); // the reveal: set-up, not measured
            ids.Add(id);
        }
        var locks = ids.Select(_ => new SemaphoreSlim(1, 1)).ToList();
        var active = new bool[Activities];
        var received = new ReceivedBytes(tally, room.Followers.ToList());
        ctx.Metrics.WindowStarted += received.Start;
        var sent = new ConcurrentDictionary<long, (long Start, bool Measured)>();

        ctx.Phase = $"{rate}/s changes to {participants} participants";
        var runner = new ShapeRunner(ctx.Metrics, warmUp, duration);
        await runner.RunOpenAsync(new OpenModel(rate, TimeSpan.Zero), async (k, token) =>
        {
            var a = (int)(k % Activities);
            await locks[a].WaitAsync(token);
            try
            {
                var target = active[a] ? "published" : "active";
                var start = Stopwatch.GetTimestamp();
                var measured = ctx.Metrics.Recording;
                var seq = await ctx.TimeAsync("host.transition", () =>
                    room.Host.Connection.InvokeAsync<long>("TransitionActivity", ids[a], target, true, true, token));
                active[a] = !active[a];
                sent[seq] = (start, measured);
            }
            finally { locks[a].Release(); }
        }, maxInFlight: 64, ct);

        ctx.Phase = "draining";
        var last = sent.Keys.DefaultIfEmpty(0).Max();
        await DeliveryTally.DrainAsync(room.Followers, last, TimeSpan.FromSeconds(10));
        var deliveries = DeliveryTally.Record(ctx, room.Followers.ToList(), sent);
        received.Record(ctx);
        if (deliveries > 0) ctx.ServerCpuPerItem("server CPU per delivery", deliveries);
        ctx.Check("seq-complete streams", room.Gaps == 0, $"{room.Gaps} gaps over {participants + 1} followers");
    }
}

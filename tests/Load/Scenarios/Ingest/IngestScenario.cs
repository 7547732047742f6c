using System.Collections.Concurrent;
using Conflicto.Load.Clients;
using Conflicto.Load.Shapes;
using Microsoft.AspNetCore.SignalR.Client;

namespace Conflicto.Load.Scenarios.Ingest;

/// <summary>
/// Many participants answering one word cloud. By default as fast as acks return (closed model:
/// each participant is a user looping submit → ack); with <c>--target-rate R</c> submissions
/// arrive R a second whatever the acks do (open model), spread round-robin over the participants,
/// at most <c>--max-in-flight</c> at once (default 4 per participant; beyond that an arrival is a
/// failure of step "arrival": the target is not keeping up). An ack means durable, so acks
/// completed in the measured window per second is durable responses/s. Every 20th submission is
/// retried with the same idempotency key (must be a replay). At the end the server's counts must
/// equal the first-time acks: no loss, no duplicate.
/// </summary>
public sealed class IngestScenario : IScenario
{
    private static readonly string[] Words = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta"];

    public string Name => "ingest";

    public async Task RunAsync(ScenarioContext ctx, CancellationToken ct)
    {
        var participants = ctx.Options.Int("participants", 200, 1, 10_000);
        var duration = ctx.Options.Seconds("duration", 10);
        var warmUp = ctx.Options.Seconds("warmup", 2);
        var targetRate = ctx.Options.String("target-rate") is null ? (double?)null : ctx.Options.Double("target-rate", 0, 0.1);
        var maxInFlight = ctx.Options.Int("max-in-flight", 4 * participants, 1);

        ctx.Phase = $"{participants} participants joining";
        // Everyone joins over REST before connecting: a large audience's joins would otherwise be
        // events for everyone already connected (v1), which is set-up cost, not ingest.
        await using var room = await Classroom.Classroom.OpenAsync(ctx, participants, ctx.Options.Seconds("ramp-up", 2), ct, joinAllFirst: participants > 200);
        var node = ctx.Target.UrlFor(0);
        var created = await ctx.Rest.PostAsync(node, $"/api/v1/sessions/{room.SessionId}/activities/framework",
            new { activity_type = "word_cloud", title = "Ingest", configuration = new { prompt = "Words, fast", max_words_per_participant = 1 } },
            adminCode: room.AdminCode);
        var activityId = Guid.Parse(created["id"]!.ToString());
        await room.Host.Connection.InvokeAsync<long>("TransitionActivity", activityId, "published", false, ct);
        await room.Host.Connection.InvokeAsync<long>("TransitionActivity", activityId, "active", false, ct);

        var counts = new ConcurrentDictionary<string, int>();
        long acked = 0, measuredAcks = 0, submissions = 0;
        var windowOpen = false;
        ctx.Metrics.WindowStarted += () => Volatile.Write(ref windowOpen, true);
        ctx.Metrics.WindowEnded += () => Volatile.Write(ref windowOpen, false);
        ctx.Phase = targetRate is { } r ? $"{r}/s submissions from {participants} users" : $"{participants} users submitting";
        var runner = new ShapeRunner(ctx.Metrics, warmUp, duration);
        async Task SubmitAsync(int user)
        {
            var n = Interlocked.Increment(ref submissions);
            var word = Words[n % Words.Length];
            var key = $"i{n}";
            var client = room.Participants[user];
            SubmitAck ack;
            try
            {
                ack = await ctx.TimeAsync("submit.ack", () => client.Connection.InvokeAsync<SubmitAck>("SubmitResponse", activityId, new { word }, key, CancellationToken.None));
            }
            catch (Exception) { return; } // recorded by TimeAsync; not counted as sent
            counts.AddOrUpdate(word, 1, (_, c) => c + 1);
            Interlocked.Increment(ref acked);
            if (Volatile.Read(ref windowOpen)) Interlocked.Increment(ref measuredAcks); // durable within the window

            if (n % 20 == 0)
            {
                var again = await ctx.TimeAsync("submit.retry", () => client.Connection.InvokeAsync<SubmitAck>("SubmitResponse", activityId, new { word }, key, CancellationToken.None));
                if (!again.Replayed || again.ResponseId != ack.ResponseId) ctx.Metrics.Fail("submit.retry", "a retry with the same key stored a second response");
            }
        }
        if (targetRate is { } rate)
        {
            ctx.Figure("offered submissions/s (target rate)", rate, "/s");
            await runner.RunOpenAsync(new OpenModel(rate, TimeSpan.Zero), (k, _) => SubmitAsync((int)(k % participants)), maxInFlight, ct);
        }
        else await runner.RunClosedAsync(new ClosedModel(participants, TimeSpan.Zero), (user, _) => SubmitAsync(user), ct);

        ctx.Figure("durable responses/s (acks in the measured window)", measuredAcks / Math.Max(0.001, ctx.Metrics.MeasuredSeconds), "/s");
        ctx.ServerCpuPerItem("server CPU per durable response", Math.Max(1, measuredAcks));

        ctx.Phase = "verifying";
        var results = await ctx.Rest.GetAsync(node, $"/api/v1/activities/{activityId}/results");
        var stored = results["response_count"]!.GetValue<long>();
        var words = results["results"]!["words"]!.AsArray().ToDictionary(w => w!["text"]!.ToString(), w => w!["count"]!.GetValue<int>());
        ctx.Figure("stored − acked (> 0: duplicated or unacked, < 0: lost)", stored - acked, "");
        var wrong = Words.Where(w => counts.GetValueOrDefault(w) != words.GetValueOrDefault(w)).ToList();
        ctx.Check("no loss, no duplicates", stored == acked && wrong.Count == 0,
            $"{acked} acked, {stored} stored; words differing: {(wrong.Count == 0 ? "none" : string.Join(", ", wrong))}");
    }
}

using System.Collections.Concurrent;
using Conflicto.Load.Clients;
using Conflicto.Load.Shapes;
using Microsoft.AspNetCore.SignalR.Client;

namespace Conflicto.Load.Scenarios.Ingest;

/// <summary>
/// Many participants answering one word cloud as fast as acks return (closed model: each
/// participant is a user looping submit → ack). An ack means durable, so acks/s is durable
/// responses/s. Every 20th submission is retried with the same idempotency key (must be a
/// replay). At the end the server's counts must equal the first-time acks: no loss, no duplicate.
/// </summary>
public sealed class IngestScenario : IScenario
{
    private static readonly string[] Words = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta"];

    public string Name => "ingest";

    public async Task RunAsync(ScenarioContext ctx, CancellationToken ct)
    {
        var participants = ctx.Options.Int("participants", 200, 1, 1000);
        var duration = ctx.Options.Seconds("duration", 10);
        var warmUp = ctx.Options.Seconds("warmup", 2);

        ctx.Phase = $"{participants} participants joining";
        await using var room = await Classroom.Classroom.OpenAsync(ctx, participants, ctx.Options.Seconds("ramp-up", 2), ct);
        var node = ctx.Target.UrlFor(0);
        var created = await ctx.Rest.PostAsync(node, $"/api/v1/sessions/{room.SessionId}/activities/framework",
            new { activity_type = "word_cloud", title = "Ingest", configuration = new { prompt = "Words, fast", max_words_per_participant = 1 } },
            adminCode: room.AdminCode);
        var activityId = Guid.Parse(created["id"]!.ToString());
        await room.Host.Connection.InvokeAsync<long>("TransitionActivity", activityId, "published", false, ct);
        await room.Host.Connection.InvokeAsync<long>("TransitionActivity", activityId, "active", false, ct);

        var counts = new ConcurrentDictionary<string, int>();
        long acked = 0, measuredAcks = 0, submissions = 0;
        ctx.Phase = $"{participants} users submitting";
        var runner = new ShapeRunner(ctx.Metrics, warmUp, duration);
        await runner.RunClosedAsync(new ClosedModel(participants, TimeSpan.Zero), async (user, token) =>
        {
            var n = Interlocked.Increment(ref submissions);
            var word = Words[n % Words.Length];
            var key = $"i{n}";
            var client = room.Participants[user];
            var recording = ctx.Metrics.Recording;
            SubmitAck ack;
            try
            {
                ack = await ctx.TimeAsync("submit.ack", () => client.Connection.InvokeAsync<SubmitAck>("SubmitResponse", activityId, new { word }, key, CancellationToken.None));
            }
            catch (Exception) { return; } // recorded by TimeAsync; not counted as sent
            counts.AddOrUpdate(word, 1, (_, c) => c + 1);
            Interlocked.Increment(ref acked);
            if (recording && ctx.Metrics.Recording) Interlocked.Increment(ref measuredAcks);
            if (n % 20 == 0)
            {
                var again = await ctx.TimeAsync("submit.retry", () => client.Connection.InvokeAsync<SubmitAck>("SubmitResponse", activityId, new { word }, key, CancellationToken.None));
                if (!again.Replayed || again.ResponseId != ack.ResponseId) ctx.Metrics.Fail("submit.retry", "a retry with the same key stored a second response");
            }
        }, ct);

        ctx.Figure("durable responses/s (acks in the measured window)", measuredAcks / Math.Max(0.001, ctx.Metrics.MeasuredSeconds), "/s");
        ctx.ServerCpuPerItem("server CPU per durable response", Math.Max(1, measuredAcks));

        ctx.Phase = "verifying";
        var results = await ctx.Rest.GetAsync(node, $"/api/v1/activities/{activityId}/results");
        var stored = results["response_count"]!.GetValue<long>();
        var words = results["results"]!["words"]!.AsArray().ToDictionary(w => w!["text"]!.ToString(), w => w!["count"]!.GetValue<int>());
        var wrong = Words.Where(w => counts.GetValueOrDefault(w) != words.GetValueOrDefault(w)).ToList();
        ctx.Check("no loss, no duplicates", stored == acked && wrong.Count == 0,
            $"{acked} acked, {stored} stored; words differing: {(wrong.Count == 0 ? "none" : string.Join(", ", wrong))}");
    }
}

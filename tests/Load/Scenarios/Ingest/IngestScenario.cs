using System.Collections.Concurrent;
using Conflicto.Load.Clients;
using Conflicto.Load.Shapes;
using Microsoft.AspNetCore.SignalR.Client;

namespace Conflicto.Load.Scenarios.Ingest;

/// <summary>
/// Many participants sending live reactions (an activity type the platform does not know, so
/// opaque: any number of responses per participant, and results of bounded size, the counts of
/// each value; a poll takes one answer, a word cloud 10 words in all, and a Q&amp;A's results list
/// every question, which grows with the run and is pushed to every participant). By default as
/// fast as acks return (closed model: each participant is a user looping submit → ack); with <c>--target-rate R</c> submissions
/// arrive R a second whatever the acks do (open model), spread round-robin over the participants,
/// at most <c>--max-in-flight</c> at once (default 4 per participant; beyond that an arrival is a
/// failure of step "arrival": the target is not keeping up). An ack means durable, so acks
/// completed in the measured window per second is durable responses/s. Every 20th submission is
/// retried with the same idempotency key (must be a replay). A submission not acked within
/// <c>--ack-timeout</c> (30 s) is a failure of submit.ack and counted as unanswered: the server may
/// still have stored it. At the end the server's response count must lie between the first-time
/// acks (each with its own response id) and those plus the unanswered: nothing lost, nothing
/// stored twice.
/// </summary>
public sealed class IngestScenario : IScenario
{
    private static readonly string[] Reactions = ["👍", "👏", "❤️", "😂", "🤔"];
    public string Name => "ingest";

    public async Task RunAsync(ScenarioContext ctx, CancellationToken ct)
    {
        var participants = ctx.Options.Int("participants", 200, 1, 10_000);
        var duration = ctx.Options.Seconds("duration", 10);
        var warmUp = ctx.Options.Seconds("warmup", 2);
        var targetRate = ctx.Options.String("target-rate") is null ? (double?)null : ctx.Options.Double("target-rate", 0, 0.1);
        var maxInFlight = ctx.Options.Int("max-in-flight", 4 * participants, 1);
        var ackTimeout = ctx.Options.Seconds("ack-timeout", 30);

        ctx.Phase = $"{participants} participants joining";
        // Everyone joins over REST before connecting: a large audience's joins would otherwise be
        // events for everyone already connected (v1), which is set-up cost, not ingest.
        await using var room = await Classroom.Classroom.OpenAsync(ctx, participants, ctx.Options.Seconds("ramp-up", 2), ct, joinAllFirst: participants > 200);
        var node = ctx.Target.UrlFor(0);
        var created = await ctx.Rest.PostAsync(node, $"/api/v1/sessions/{room.SessionId}/activities/framework",
            new { activity_type = "reaction", title = "Ingest", configuration = new { choices = Reactions } },
            adminCode: room.AdminCode);
        var activityId = Guid.Parse(created["id"]!.ToString());
        await room.Host.Connection.InvokeAsync<long>("TransitionActivity", activityId, "published", false, ct);
        await room.Host.Connection.InvokeAsync<long>("TransitionActivity", activityId, "active", false, ct);

        var ids = new ConcurrentDictionary<Guid, long>();
        long acked = 0, measuredAcks = 0, submissions = 0, unanswered = 0;
        var windowOpen = false;
        ctx.Metrics.WindowStarted += () => Volatile.Write(ref windowOpen, true);
        ctx.Metrics.WindowEnded += () => Volatile.Write(ref windowOpen, false);
        ctx.Phase = targetRate is { } r ? $"{r}/s submissions from {participants} users" : $"{participants} users submitting";
        var runner = new ShapeRunner(ctx.Metrics, warmUp, duration);
        async Task SubmitAsync(int user)
        {
            var n = Interlocked.Increment(ref submissions);
            var key = $"i{n}";
            var client = room.Participants[user];
            SubmitAck ack;
            using var wait = new CancellationTokenSource(ackTimeout);
            try
            {
                ack = await ctx.TimeAsync("submit.ack", () => client.Connection.InvokeAsync<SubmitAck>("SubmitResponse", activityId, new { reaction = Reactions[n % Reactions.Length] }, key, wait.Token));
            }
            catch (OperationCanceledException)
            {
                Interlocked.Increment(ref unanswered); // recorded by TimeAsync; the server may still store it
                return;
            }
            catch (Exception) { return; } // recorded by TimeAsync; refused, so not stored
            if (!ids.TryAdd(ack.ResponseId, n)) ctx.Metrics.Fail("submit.ack", $"two submissions acked with one response id {ack.ResponseId}");
            Interlocked.Increment(ref acked);
            if (Volatile.Read(ref windowOpen)) Interlocked.Increment(ref measuredAcks); // durable within the window

            if (n % 20 == 0)
            {
                var again = await ctx.TimeAsync("submit.retry", () => client.Connection.InvokeAsync<SubmitAck>("SubmitResponse", activityId, new { reaction = Reactions[n % Reactions.Length] }, key, CancellationToken.None));
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
        ctx.Figure("stored − acked (> 0: duplicated or unacked, < 0: lost)", stored - acked, "");
        ctx.Figure("submissions not acked within the ack timeout", unanswered, "");
        ctx.Check("no loss, no duplicates", stored >= acked && stored <= acked + unanswered && ids.Count == acked,
            $"{acked} acked with {ids.Count} distinct response ids, {unanswered} unanswered, {stored} stored");
    }
}

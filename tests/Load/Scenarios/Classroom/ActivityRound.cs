using System.Collections.Concurrent;
using System.Diagnostics;
using Conflicto.Load.Clients;
using Microsoft.AspNetCore.SignalR.Client;

namespace Conflicto.Load.Scenarios.Classroom;

/// <summary>
/// One activity from creation to verified results: created over REST, published and activated
/// over the hub, answered by every participant over the hub (idempotency keys; every 10th
/// participant retries once with the same key, which must be a replay), followed by the viewer's
/// live results, expired, then its REST results compared with what was sent.
/// </summary>
public sealed class ActivityRound(ScenarioContext ctx, Classroom room)
{
    private static readonly string[] Options = ["Red", "Green", "Blue", "Yellow"];
    private static readonly string[] Words = ["async", "signalr", "postgres", "latency", "dotnet"];
    private static readonly string[] Cards = ["1", "2", "3", "5", "8"];

    public async Task<IReadOnlyList<string>> RunAsync(string type, CancellationToken ct)
    {
        var node = ctx.Target.UrlFor(0);
        var created = await ctx.TimeAsync("activity.create", () => ctx.Rest.PostAsync(node,
            $"/api/v1/sessions/{room.SessionId}/activities/framework",
            new { activity_type = type, title = $"Load {type}", configuration = Configuration(type) }, adminCode: room.AdminCode));
        var activityId = Guid.Parse(created["id"]!.ToString());
        var viewerResults = WatchResults(room.Viewer, activityId);
        try
        {
            await room.TransitionAsync(activityId, "published", ct);
            await room.TransitionAsync(activityId, "active", ct);

            var tally = new Tally(type);
            var quiz = type == "quiz" ? new QuizRound(ctx, room, activityId, Options.Length) : null;
            var acked = new ConcurrentBag<int>();
            if (quiz is not null) await quiz.StartAsync(ct);
            if (type == "qa") await AnswerQaAsync(activityId, tally, ct);
            else await AnswerAsync(activityId, tally, i => Answer(type, i), quiz is null ? "submit.ack" : "quiz.answer.ack", acked, ct);
            var lastAck = Stopwatch.GetTimestamp();

            await WaitForViewerAsync(viewerResults, tally.Responses, lastAck, ct);
            var quizDiffs = quiz is null ? [] : await quiz.RevealAsync(acked, ct);
            await room.TransitionAsync(activityId, "expired", ct);

            var results = await ctx.TimeAsync("results.rest", () => ctx.Rest.GetAsync(node, $"/api/v1/activities/{activityId}/results"));
            var diffs = tally.Compare(results["results"]!).Concat(quizDiffs).ToList();
            var count = results["response_count"]?.GetValue<int>();
            if (count != tally.Responses) diffs.Add($"{type}: response_count {count}, sent {tally.Responses}");
            return diffs;
        }
        finally
        {
            room.Viewer.ResultsReceived -= viewerResults.Handler;
        }
    }

    private static object Configuration(string type) => type switch
    {
        "poll" => new { question = "Favourite colour?", options = Options },
        "word_cloud" => new { prompt = "One word for this talk", max_words_per_participant = 3 },
        "qa" => new { topic = "Questions", allow_upvotes = true },
        "planning_poker" => new { story = "As a host I want live results" },
        "quiz" => new
        {
            questions = new[] { new { text = "Favourite colour?", time_limit_seconds = 120, options = Options.Select((o, i) => new { text = o, correct = i == 0 }).ToArray() } },
        },
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    private static (object Data, string Key) Answer(string type, int i) => type switch
    {
        "poll" => (new { option_index = i % Options.Length }, (i % Options.Length).ToString()),
        "word_cloud" => (new { word = Words[i % Words.Length] }, Words[i % Words.Length]),
        "planning_poker" => (new { value = Cards[i % Cards.Length] }, Cards[i % Cards.Length]),
        "quiz" => (new { question_index = 0, option_index = i % Options.Length, client_elapsed_ms = 500 + i }, "0"),
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    /// <summary>Every participant answers at once (the burst after "vote now!").</summary>
    private Task AnswerAsync(Guid activityId, Tally tally, Func<int, (object Data, string Key)> answer, string step, ConcurrentBag<int> acked, CancellationToken ct) =>
        Task.WhenAll(room.Participants.Select(async (client, i) =>
        {
            var (data, key) = answer(i);
            if (await SubmitAsync(client, activityId, data, i, ct, step) is null) return;
            tally.Add(key);
            acked.Add(i);
        }));

    /// <summary>A fifth of the class (at least one) asks; everyone else upvotes one question, never their own.</summary>
    private async Task AnswerQaAsync(Guid activityId, Tally tally, CancellationToken ct)
    {
        var askers = Math.Max(1, room.Participants.Count / 5);
        var questions = new ConcurrentDictionary<int, Guid>();
        await Task.WhenAll(room.Participants.Take(askers).Select(async (client, i) =>
        {
            if (await SubmitAsync(client, activityId, new { question = $"Question {i}?" }, i, ct) is { } ack)
            {
                questions[i] = ack.ResponseId;
                tally.AddQuestion(ack.ResponseId.ToString());
            }
        }));
        var ids = questions.OrderBy(q => q.Key).Select(q => q.Value).ToList();
        if (ids.Count == 0) return;
        await Task.WhenAll(room.Participants.Skip(askers).Select(async (client, j) =>
        {
            var target = ids[j % ids.Count].ToString();
            if (await SubmitAsync(client, activityId, new { upvote = target }, askers + j, ct) is not null) tally.Add(target);
        }));
    }

    private async Task<SubmitAck?> SubmitAsync(LoadHubClient client, Guid activityId, object data, int i, CancellationToken ct, string step = "submit.ack")
    {
        var key = Guid.NewGuid().ToString("N");
        SubmitAck ack;
        try
        {
            ack = await ctx.TimeAsync(step, () => client.Connection.InvokeAsync<SubmitAck>("SubmitResponse", activityId, data, key, ct));
        }
        catch (Exception) { return null; } // recorded as a failure of the step
        if (ack.Replayed) ctx.Metrics.Fail(step, "a first submission was acknowledged as a replay");
        if (i % 10 == 0)
        {
            // A client retrying after a lost ack: must get the first answer back and store nothing.
            try
            {
                var again = await ctx.TimeAsync("submit.retry", () => client.Connection.InvokeAsync<SubmitAck>("SubmitResponse", activityId, data, key, ct));
                if (!again.Replayed || again.ResponseId != ack.ResponseId)
                    ctx.Metrics.Fail("submit.retry", $"retry with the same key was not a replay of {ack.ResponseId}");
            }
            catch (Exception) { /* recorded */ }
        }
        return ack;
    }

    private sealed record ResultsWatch(ConcurrentQueue<(int Count, long At)> Seen, Action<ResultsMessage, long> Handler);

    private static ResultsWatch WatchResults(LoadHubClient viewer, Guid activityId)
    {
        var seen = new ConcurrentQueue<(int, long)>();
        Action<ResultsMessage, long> handler = (r, at) => { if (r.ActivityId == activityId) seen.Enqueue((r.ResponseCount, at)); };
        viewer.ResultsReceived += handler;
        return new ResultsWatch(seen, handler);
    }

    /// <summary>Time from the last ack to the viewer's first live results showing every response.</summary>
    private async Task WaitForViewerAsync(ResultsWatch watch, int expected, long lastAck, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            foreach (var (count, at) in watch.Seen)
            {
                if (count < expected) continue;
                ctx.Metrics.Ok("results.viewer", at > lastAck ? Stopwatch.GetElapsedTime(lastAck, at) : TimeSpan.Zero);
                return;
            }
            await Task.Delay(5, ct);
        }
        ctx.Metrics.Fail("results.viewer", $"the viewer never saw {expected} responses in live results within 10 s");
    }
}

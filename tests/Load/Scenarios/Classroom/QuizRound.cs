using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.Serialization;
using System.Text.Json.Nodes;
using Conflicto.Load.Clients;
using Microsoft.AspNetCore.SignalR.Client;

namespace Conflicto.Load.Scenarios.Classroom;

/// <summary>
/// The quiz question of a classroom round (issue #14), driven by the host over REST: start (timed
/// until every participant's stream delivered the <c>quiz.updated</c>), the answers (by
/// <see cref="ActivityRound"/>, acks timed as <c>quiz.answer.ack</c>), reveal and leaderboard (each
/// timed until every participant received it). Checks, exactly: the reveal's distribution and
/// answer count are the acknowledged answers; the leaderboard lists every participant, the right
/// answers score and the wrong ones do not; and the leaderboard is the same in the host's action
/// answer, on REST (<c>GET /leaderboard</c>) and in a fresh hub join's snapshot.
/// </summary>
public sealed class QuizRound(ScenarioContext ctx, Classroom room, Guid activityId, int options)
{
    private static readonly TimeSpan DeliveryTimeout = TimeSpan.FromSeconds(10);

    public Task StartAsync(CancellationToken ct) => ActDeliveredAsync("start", "quiz.question.delivered", ct);

    /// <param name="acked">The participants (by index; participant i picked option i % options, option 0 is right) whose answer was acknowledged.</param>
    public async Task<IReadOnlyList<string>> RevealAsync(IReadOnlyCollection<int> acked, CancellationToken ct)
    {
        var diffs = new List<string>();
        var revealed = await ActDeliveredAsync("reveal", "quiz.reveal.delivered", ct);
        var expected = new int[options];
        foreach (var i in acked) expected[i % options]++;
        var distribution = revealed["reveal"]!["distribution"]!.AsArray().Select(d => d!.GetValue<int>()).ToArray();
        if (!distribution.SequenceEqual(expected)) diffs.Add($"quiz: reveal distribution [{string.Join(",", distribution)}], sent [{string.Join(",", expected)}]");
        var answers = revealed["reveal"]!["answers"]!.GetValue<int>();
        if (answers != acked.Count) diffs.Add($"quiz: reveal counts {answers} answers, {acked.Count} acknowledged");

        var shown = await ActDeliveredAsync("leaderboard", "quiz.leaderboard.delivered", ct);
        var action = Describe(shown["leaderboard"]!);
        var rest = await ctx.TimeAsync("quiz.leaderboard.rest", () => ctx.Rest.GetAsync(ctx.Target.UrlFor(0), $"/api/v1/activities/{activityId}/leaderboard"));
        var onRest = Describe(rest["leaderboard"]!);
        var onHub = await HubLeaderboardAsync(ct);
        if (onRest != action) diffs.Add($"quiz: leaderboard on REST [{onRest}] differs from the action's [{action}]");
        if (onHub != onRest) diffs.Add($"quiz: leaderboard in a hub snapshot [{onHub}] differs from REST's [{onRest}]");

        var board = shown["leaderboard"]!;
        var players = board["players"]!.GetValue<int>();
        if (players != room.Participants.Count) diffs.Add($"quiz: leaderboard has {players} players, the class {room.Participants.Count}");
        var entries = board["entries"]!.AsArray();
        var right = acked.Count(i => i % options == 0);
        var scoring = entries.Count(e => e!["score"]!.GetValue<int>() > 0);
        var correct = entries.Count(e => e!["correct_answers"]!.GetValue<int>() == 1);
        if (scoring != Math.Min(entries.Count, right) || correct != scoring)
            diffs.Add($"quiz: {scoring} scoring and {correct} right entries of {entries.Count} shown, {right} answered right");
        return diffs;
    }

    /// <summary>A host action over REST, then each participant's time from before the call to its <c>quiz.updated</c>.</summary>
    private async Task<JsonNode> ActDeliveredAsync(string action, string step, CancellationToken ct)
    {
        var arrivals = new ConcurrentDictionary<LoadHubClient, long>();
        var watches = room.Participants.Select(client =>
        {
            Action<EventMessage, long> handler = (e, at) => { if (e.Type == "quiz.updated") arrivals.TryAdd(client, at); };
            client.EventReceived += handler;
            return (client, handler);
        }).ToList();
        try
        {
            var start = Stopwatch.GetTimestamp();
            var view = await ctx.TimeAsync($"quiz.{action}", () => ctx.Rest.PostAsync(ctx.Target.UrlFor(0),
                $"/api/v1/activities/{activityId}/quiz/actions", new { action }, adminCode: room.AdminCode));
            var clock = Stopwatch.StartNew();
            while (arrivals.Count < room.Participants.Count && clock.Elapsed < DeliveryTimeout) await Task.Delay(5, ct);
            foreach (var client in room.Participants)
            {
                if (arrivals.TryGetValue(client, out var at)) ctx.Metrics.Ok(step, Stopwatch.GetElapsedTime(start, at));
                else ctx.Metrics.Fail(step, $"a participant never received the quiz.updated of '{action}' within {DeliveryTimeout.TotalSeconds:0} s");
            }
            return view;
        }
        finally
        {
            foreach (var (client, handler) in watches) client.EventReceived -= handler;
        }
    }

    /// <summary>The leaderboard a fresh host connection's join snapshot carries (served from the node's standings cache).</summary>
    private async Task<string> HubLeaderboardAsync(CancellationToken ct)
    {
        await using var auditor = LoadHubClient.Create(ctx.Target.UrlFor(0), room.AdminCode, ctx.Options.Hub);
        await auditor.Connection.StartAsync(ct);
        var joined = await ctx.TimeAsync("quiz.snapshot.join", () => auditor.Connection.InvokeAsync<QuizJoinResult>(
            "JoinSession", new { sessionId = room.SessionId, version = ctx.Options.Hub.StreamVersion }, ct));
        // The quizzes are plain maps (either hub protocol); read them as a JSON tree.
        var quiz = joined.Snapshot.Quizzes.Select(ToNode).FirstOrDefault(q => q?["activity_id"]?.ToString() == activityId.ToString());
        return quiz?["leaderboard"] is { } board ? Describe(board) : "no leaderboard in the snapshot";
    }

    private static JsonNode? ToNode(object? value) => value switch
    {
        null => null,
        string s => JsonValue.Create(s),
        bool b => JsonValue.Create(b),
        System.Collections.IDictionary map => new JsonObject(map.Keys.Cast<object>().Select(k => KeyValuePair.Create(k.ToString()!, ToNode(map[k])))),
        System.Collections.IEnumerable list => new JsonArray(list.Cast<object?>().Select(ToNode).ToArray()),
        System.Text.Json.JsonElement e => JsonNode.Parse(e.GetRawText()),
        _ => JsonValue.Create(Convert.ToDecimal(value, System.Globalization.CultureInfo.InvariantCulture)),
    };

    private static string Describe(JsonNode board) => Describe(Int(board["players"]), Int(board["revealed_questions"]),
        board["entries"]!.AsArray().Select(e => (Int(e!["rank"]), Int(e["participant_id"]), Int(e["score"]), Int(e["correct_answers"]), Int(e["streak"]))));

    private static int Int(JsonNode? n) => (int)decimal.Parse(n!.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture);

    private static string Describe(int players, int revealed, IEnumerable<(int Rank, int Id, int Score, int Correct, int Streak)> entries) =>
        $"players {players}, revealed {revealed}: " + string.Join(" ", entries.Select(e => $"#{e.Rank} p{e.Id} {e.Score}/{e.Correct}/{e.Streak}"));
}

// The join answer as far as the quiz check reads it (docs/quiz.md: snapshot.quizzes[], snake_case inside).
[DataContract]
public sealed class QuizJoinResult
{
    [DataMember(Name = "snapshot")] public QuizJoinSnapshot Snapshot { get; set; } = new();
}

[DataContract]
public sealed class QuizJoinSnapshot
{
    [DataMember(Name = "quizzes")] public List<object?> Quizzes { get; set; } = [];
}


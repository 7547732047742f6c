namespace Conflicto.Load.Scenarios.Classroom;

/// <summary>
/// The 50-participant classroom (issue #5): join by code, a poll, a word cloud, a Q&amp;A with
/// upvotes, a planning-poker round and a quiz question (start, answers, reveal, leaderboard;
/// issue #14) per round, every answer over the hub. A warm-up class
/// (its own session, 10 participants, one round) runs first with recording off, so the figures
/// are not those of a cold JIT. Fails on any error, any gap or missed change, or results that
/// differ from what was sent.
/// </summary>
public sealed class ClassroomScenario : IScenario
{
    private static readonly string[] Kinds = ["poll", "word_cloud", "qa", "planning_poker", "quiz"];

    public string Name => "classroom";

    public async Task RunAsync(ScenarioContext ctx, CancellationToken ct)
    {
        var participants = ctx.Options.Int("participants", 50, 1, 1000);
        var rounds = ctx.Options.Int("rounds", 2, 1, 100);
        var warmupRounds = ctx.Options.Int("warmup-rounds", 1, 0, 10);
        var rampUp = ctx.Options.Seconds("ramp-up", 2);

        if (warmupRounds > 0)
        {
            ctx.Phase = "warm-up class";
            ctx.Metrics.StopRecording();
            await RunClassAsync(ctx, Math.Min(participants, 10), warmupRounds, TimeSpan.Zero, verify: false, ct);
        }
        ctx.Metrics.StartRecording();
        await RunClassAsync(ctx, participants, rounds, rampUp, verify: true, ct);
        ctx.Metrics.EndWindow();
    }

    private static async Task RunClassAsync(ScenarioContext ctx, int participants, int rounds, TimeSpan rampUp, bool verify, CancellationToken ct)
    {
        ctx.Phase = verify ? $"{participants} participants joining" : ctx.Phase;
        await using var room = await Classroom.OpenAsync(ctx, participants, rampUp, ct);
        var diffs = new List<string>();
        var round = new ActivityRound(ctx, room);
        for (var r = 1; r <= rounds; r++)
            foreach (var kind in Kinds)
            {
                if (verify) ctx.Phase = $"round {r}/{rounds}: {kind}";
                diffs.AddRange(await round.RunAsync(kind, ct));
            }
        if (!verify) return;

        // Background processing keeps appending events after the last answer, and the status answer
        // may be cached for up to 1 s, so clients may legitimately be ahead of it — never behind.
        var status = await ctx.Rest.GetAsync(ctx.Target.UrlFor(0), $"/api/v1/sessions/{room.SessionId}/status");
        await RoleStreams.RecordAsync(ctx, room, status["last_seq"]!.GetValue<long>());
        ctx.Check("results equal what was sent", diffs.Count == 0,
            diffs.Count == 0 ? $"{rounds * Kinds.Length} activities compared" : string.Join("; ", diffs.Take(10)));
    }
}

using System.Text.Json;
using Conflicto.Load.Clients;
using Conflicto.Load.Runner;
using Conflicto.Load.Scenarios;
using Conflicto.Load.Scenarios.PushVsPoll;
using Conflicto.Load.Stats;
using Conflicto.Load.Target;

namespace Conflicto.Tests.Unit.Load;

public class PushVsPollReportTests
{
    private static PhaseResult Phase(string name, long sent, double p99Ms) => new(
        name, Followers: 10, WindowSeconds: 4, MeasuredChanges: 4,
        Window: new FollowerCounts(sent, sent, 0, 0, 0, 0, 0), ServerCpuSeconds: 1, ServerJitSeconds: 0.25,
        ClientCpuSeconds: 0.5, ClientCores: 1, DbWindow: null, DbPhase: null,
        Freshness: new StepSummary($"{name}.freshness", 40, 0, 10, p99Ms / 2, p99Ms, p99Ms, p99Ms, p99Ms, p99Ms, []),
        Seen: new SeenCounts(40, 0, 0, 0), Faults: []);

    private static ScenarioContext Context(HttpClient http) =>
        new(LoadOptions.Parse(["push-vs-poll"]), LoadTarget.None, new Metrics(), new RestClient(http), TextWriter.Null);

    [Fact]
    public void Write_PushSentNothingInAShortWindow_StaysSerializableAndSaysWhy()
    {
        using var http = new HttpClient();
        var ctx = Context(http);

        ComparisonReport.Write(ctx, Phase("push", sent: 0, p99Ms: 20), Phase("poll", sent: 80, p99Ms: 1000), rate: 1, TimeSpan.FromSeconds(1));

        JsonSerializer.Serialize(new { ctx.Figures, ctx.Tables }); // threw on an infinite ratio
        Assert.DoesNotContain(ctx.Figures, f => f.Name == "requests, poll ÷ push");
        Assert.Contains(ctx.Figures, f => f.Name == "freshness p99, poll ÷ push" && Math.Abs(f.Value - 50) < 1e-9);
        var targets = ctx.Tables.Single(t => t.Title.StartsWith("Targets"));
        Assert.Equal("∞×", targets.Rows[0][1]); // the table still says how many times fewer
        Assert.Contains(ctx.Limits, l => l.Contains("shorter than the hub clients' idle ping interval"));
    }

    [Fact]
    public void Write_SteadyStateCpu_LeavesTheTierOneJitOut()
    {
        using var http = new HttpClient();
        var ctx = Context(http);

        ComparisonReport.Write(ctx, Phase("push", sent: 10, p99Ms: 20), Phase("poll", sent: 800, p99Ms: 1000), rate: 1, TimeSpan.FromSeconds(1));

        Assert.Contains(ctx.Figures, f => f.Name == "push server CPU in the window, without tier-1 JIT" && Math.Abs(f.Value - 0.75) < 1e-9);
        Assert.All(ctx.Checks, c => Assert.True(c.Passed, c.Name));
    }
}

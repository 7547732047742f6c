namespace Conflicto.Load.Scenarios.PushVsPoll;

/// <summary>
/// Puts the two phases into the run's report: the side-by-side and targets tables, the key
/// figures (machine-readable in the JSON), the checks (every change seen, nothing went back,
/// intact streams) and the limits (client CPU saturated, pollers that could not keep up).
/// </summary>
public static class ComparisonReport
{
    /// <summary>SignalR's default: an idle client pings this often (HubConnection.KeepAliveInterval).</summary>
    private static readonly TimeSpan PingInterval = TimeSpan.FromSeconds(15);

    public static void Write(ScenarioContext ctx, PhaseResult push, PhaseResult poll, double rate, TimeSpan period)
    {
        var status = ctx.Metrics.Step("poll.status").Summarize(poll.WindowSeconds);
        var fetch = ctx.Metrics.Step("poll.fetch").Summarize(poll.WindowSeconds);
        var verdicts = ComparisonTable.Verdicts(push, poll, status, fetch);
        ctx.Table(ComparisonTable.Phases(push, poll, status, fetch, rate, period));
        ctx.Table(ComparisonTable.TargetsTable(verdicts));

        ctx.Figure("push requests per participant per minute", push.RequestsPerParticipantPerMinute, "");
        ctx.Figure("poll requests per participant per minute", poll.RequestsPerParticipantPerMinute, "");
        RatioFigure(ctx, "requests, poll ÷ push", Targets.Ratio(poll.RequestsPerParticipantPerMinute, push.RequestsPerParticipantPerMinute));
        ctx.Figure("push freshness p99", push.Freshness.P99Ms, "ms");
        ctx.Figure("poll freshness p99", poll.Freshness.P99Ms, "ms");
        RatioFigure(ctx, "freshness p99, poll ÷ push", ComparisonTable.FreshnessRatio(push, poll));
        if (push.SteadyServerCpuSeconds is { } pushCpu && poll.SteadyServerCpuSeconds is { } pollCpu)
        {
            ctx.Figure("push server CPU in the window, without tier-1 JIT", pushCpu, "s");
            ctx.Figure("poll server CPU in the window, without tier-1 JIT", pollCpu, "s");
        }

        foreach (var phase in new[] { push, poll })
        {
            ctx.Check($"{phase.Name}: changes made in the window", phase.MeasuredChanges > 0, $"{phase.MeasuredChanges} host changes");
            ctx.Check($"{phase.Name}: every follower saw every change", phase.Seen.Missed == 0 && phase.Seen.Pairs > 0,
                $"{phase.Seen.Pairs} (change, follower) pairs: {phase.Seen.Exact} seen, {phase.Seen.Superseded} via a newer state, {phase.Seen.Missed} missed");
            ctx.Check($"{phase.Name}: views never went back", phase.Seen.Regressions == 0, $"{phase.Seen.Regressions} sightings of an older state after a newer one");
            if (phase.ClientCpuShare >= Runner.LimitDetector.SaturatedShare)
                ctx.Limit($"client CPU saturated in the {phase.Name} window ({phase.ClientCpuShare:P0} of its cores): figures may understate the server");
        }
        ctx.Check("push: event streams intact", push.Faults.Count == 0, push.Faults.Count == 0 ? "no gaps, no hub connection lost" : string.Join("; ", push.Faults));
        if (push.WindowSeconds < PingInterval.TotalSeconds)
            ctx.Limit($"the window ({push.WindowSeconds:0} s) is shorter than the hub clients' idle ping interval ({PingInterval.TotalSeconds:0} s): push requests are a small, noisy sample");
        var slots = poll.Followers * poll.WindowSeconds / period.TotalSeconds;
        if (poll.Window.SkippedSlots > 0.01 * slots)
            ctx.Limit($"pollers skipped {poll.Window.SkippedSlots} of ~{slots:0} poll slots (polls ran past their next slot): the poll rate was below 1 per period");
    }

    /// <summary>A ratio as a figure; an infinite one (push sent nothing) is left to the table, which shows ∞: JSON has no infinity.</summary>
    private static void RatioFigure(ScenarioContext ctx, string name, double ratio)
    {
        if (double.IsFinite(ratio)) ctx.Figure(name, ratio, "×");
    }
}

namespace Conflicto.Load.Scenarios.PushVsPoll;

/// <summary>
/// The same session followed by the same N participants twice: first as hub clients (connected
/// before the phase: steady state), then as legacy clients polling the session status every
/// <c>--poll-interval</c> (1 s) with ETags. In both phases the host opens the next question at
/// <c>--rate</c> per second. Each phase has its own warm-up and measured window of
/// <c>--duration</c>; server requests, server CPU, database load and freshness (change → seen)
/// are compared side by side and judged against DESIGN §8. Hub clients connect spread over
/// <c>--ramp-up</c> (15 s) so that their pings are spread too; then a warm-up pass of both ways
/// (<c>--server-warmup</c>, 5 s) and, before each window, a quiet server, so that both phases
/// measure a steady state rather than the runtime compiling their code paths.
/// </summary>
public sealed class PushVsPollScenario : IScenario
{
    public string Name => "push-vs-poll";

    public async Task RunAsync(ScenarioContext ctx, CancellationToken ct)
    {
        var participants = ctx.Options.Int("participants", 1000, 1, 1000);
        var rate = ctx.Options.Double("rate", 1, 0.1);
        var duration = ctx.Options.Seconds("duration", 20);
        var warmUp = ctx.Options.Seconds("warmup", 2);
        var period = ctx.Options.Seconds("poll-interval", 1);
        var rampUp = ctx.Options.Seconds("ramp-up", 15); // the hub's idle ping interval: see HubFollowers
        if (duration <= TimeSpan.Zero || period <= TimeSpan.Zero) throw new FormatException("--duration and --poll-interval must be positive");

        var serverWarmUp = ctx.Options.Seconds("server-warmup", 5);

        ctx.Phase = $"setting up: {participants} participants";
        var changes = (int)Math.Ceiling(rate * (2 * (warmUp + duration) + serverWarmUp).TotalSeconds);
        await using var audience = await Audience.OpenAsync(ctx, participants, changes, ct);
        var host = new HostChanges(ctx, audience.Host, audience.Published, rate);
        var phase = new PhaseRun(ctx, host, warmUp, duration);

        ctx.Phase = $"push: connecting {participants} hub clients";
        PhaseResult push;
        await using (var hub = await HubFollowers.ConnectAsync(ctx, audience, rampUp, ct))
        {
            await WarmUpPass.RunAsync(ctx, audience, host, serverWarmUp, period, ct);
            push = await phase.RunAsync(hub, ct);
        }
        PhaseResult poll;
        await using (var pollers = new PollFollowers(ctx, audience.SessionId, audience.Tokens, period))
            poll = await phase.RunAsync(pollers, ct);

        ComparisonReport.Write(ctx, push, poll, rate, period);
    }
}

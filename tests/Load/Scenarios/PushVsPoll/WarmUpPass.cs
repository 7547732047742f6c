namespace Conflicto.Load.Scenarios.PushVsPoll;

/// <summary>
/// Before anything is measured, the host makes changes for a few seconds while the hub clients
/// follow and some participants poll, so that both code paths are compiled, cached and pooled
/// in the server before either phase is measured (nothing is recorded; errors still count).
/// </summary>
public static class WarmUpPass
{
    private const int Pollers = 100;

    public static async Task RunAsync(ScenarioContext ctx, Audience audience, HostChanges host, TimeSpan length, TimeSpan period, CancellationToken ct)
    {
        if (length <= TimeSpan.Zero) return;
        ctx.Phase = $"warming the server up for {length.TotalSeconds:0} s (push and poll)";
        ctx.Metrics.StopRecording();
        var window = new PhaseWindow(length, TimeSpan.Zero);
        var book = new ChangeBook();
        await using var pollers = new PollFollowers(ctx, audience.SessionId, audience.Tokens.Take(Pollers).ToList(), period);
        window.Start();
        await pollers.StartAsync(window, book, ct);
        await host.RunAsync("warmup", window, book, ct);
        await window.DelayUntilAsync(window.End, ct);
    }
}

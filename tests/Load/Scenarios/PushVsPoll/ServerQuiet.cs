namespace Conflicto.Load.Scenarios.PushVsPoll;

/// <summary>
/// Waits until the server started by the runner is idle: under <see cref="MaxShare"/> of a core
/// over <see cref="Span"/>. After a burst (connecting a thousand clients, a new code path) the
/// runtime keeps compiling hot methods at tier 1 in the background for many seconds, on the
/// server's one core; a window opened then would bill that one-off work to the phase.
/// </summary>
public static class ServerQuiet
{
    public const double MaxShare = 0.10;
    public static readonly TimeSpan Span = TimeSpan.FromSeconds(3);
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    /// <summary>How long it waited; reports a limit when the server never went quiet.</summary>
    public static async Task<TimeSpan> WaitAsync(ScenarioContext ctx, string phase, CancellationToken ct)
    {
        if (ctx.Target.Server is not { } server) return TimeSpan.Zero;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.Elapsed < Limit)
        {
            var before = server.CpuSeconds;
            await Task.Delay(Span, ct);
            if ((server.CpuSeconds - before) / Span.TotalSeconds < MaxShare) return clock.Elapsed;
        }
        ctx.Limit($"before the {phase} window the server never went under {MaxShare:P0} of its core for {Span.TotalSeconds:0} s (waited {Limit.TotalSeconds:0} s): background work may be billed to the phase");
        return clock.Elapsed;
    }
}

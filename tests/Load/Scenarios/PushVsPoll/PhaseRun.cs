using System.Diagnostics;
using Conflicto.Load.Target;

namespace Conflicto.Load.Scenarios.PushVsPoll;

/// <summary>
/// One phase, the same for both ways of following: a quiet server (<see cref="ServerQuiet"/>) and
/// a settled database reading; followers start; the host changes the session at its rate
/// through warm-up and window; requests, server and client CPU and database counters are read
/// at the window's edges; the followers drain (until each saw the last change, bounded) and
/// stop; a settled database reading; freshness of every change made in the window, for every
/// follower (steps push.freshness / poll.freshness).
/// </summary>
public sealed class PhaseRun(ScenarioContext ctx, HostChanges host, TimeSpan warmUp, TimeSpan duration)
{
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(10);

    private sealed record Reading(long Ticks, double? ServerCpu, TimeSpan ClientCpu, FollowerCounts Counts, DatabaseLoad? Db);

    public async Task<PhaseResult> RunAsync(IFollowers followers, CancellationToken ct)
    {
        var name = followers.Name;
        var db = ctx.Target.Database;
        ctx.Phase = $"{name}: waiting for the server to go quiet";
        await ServerQuiet.WaitAsync(ctx, name, ct);
        ctx.Phase = $"{name}: letting database statistics settle";
        var dbBefore = db is null ? null : await db.ReadSettledAsync(ct);

        var window = new PhaseWindow(warmUp, duration);
        var book = new ChangeBook();
        ctx.Metrics.StopRecording();
        window.Start();
        await followers.StartAsync(window, book, ct);
        ctx.Phase = $"{name}: warm-up";
        var changes = host.RunAsync(name, window, book, ct);
        await window.DelayUntilAsync(warmUp, ct);
        ctx.Metrics.StartRecording();
        var open = await ReadAsync(followers, db, ct);
        var jit = ctx.Target.Server is { } server ? ThreadCpuMeter.Start(server.Pid, ProcStat.TieredCompilationThread) : null;
        Reading close;
        double? jitSeconds;
        try
        {
            ctx.Phase = $"{name}: {followers.Count} followers, measured window";
            await window.DelayUntilAsync(window.End, ct);
            close = await ReadAsync(followers, db, ct);
            jitSeconds = jit?.Seconds();
        }
        finally
        {
            if (jit is not null) await jit.DisposeAsync();
        }
        ctx.Metrics.EndWindow();
        ctx.Metrics.StopRecording();
        await changes;

        ctx.Phase = $"{name}: draining";
        var all = book.All;
        if (all.Count > 0) await followers.DrainAsync(all[^1], DrainTimeout);
        await followers.StopAsync();
        ctx.Phase = $"{name}: letting database statistics settle";
        var dbAfter = db is null ? null : await db.ReadSettledAsync(ct);

        var measured = book.Measured;
        var seconds = Stopwatch.GetElapsedTime(open.Ticks, close.Ticks).TotalSeconds;
        var seen = RecordFreshness(name, followers, all, measured);
        return new PhaseResult(name, followers.Count, seconds, measured.Count, close.Counts - open.Counts,
            close.ServerCpu - open.ServerCpu, jitSeconds, (close.ClientCpu - open.ClientCpu).TotalSeconds, ClientCores(),
            close.Db is { } c && open.Db is { } o ? c - o : null,
            dbAfter is { } after && dbBefore is { } before ? after - before : null,
            ctx.Metrics.Step($"{name}.freshness").Summarize(seconds), seen, followers.Faults);
    }

    private async Task<Reading> ReadAsync(IFollowers followers, DatabaseStats? db, CancellationToken ct)
    {
        var reading = new Reading(Stopwatch.GetTimestamp(), ctx.Target.Server?.CpuSeconds,
            Process.GetCurrentProcess().TotalProcessorTime, followers.Counts, null);
        return db is null ? reading : reading with { Db = await db.ReadAsync(ct) };
    }

    /// <summary>
    /// Recorded straight into the step (recording is off by now): the pairs belong to the window
    /// whatever the moment they are computed. A change a follower never saw is a failure.
    /// </summary>
    private SeenCounts RecordFreshness(string name, IFollowers followers, IReadOnlyList<Change> all, IReadOnlyList<Change> measured)
    {
        var marks = measured.Select(c => c.Mark).ToList();
        var step = ctx.Metrics.Step($"{name}.freshness");
        long exact = 0, superseded = 0, missed = 0, back = 0;
        foreach (var sightings in followers.Sightings(all))
        {
            back += Freshness.Regressions(sightings);
            foreach (var seen in Freshness.Match(marks, sightings, followers.SeesEveryChange))
            {
                switch (seen.Kind)
                {
                    case SeenAs.Exact: exact++; step.RecordOk(seen.Delay); break;
                    case SeenAs.Superseded: superseded++; step.RecordOk(seen.Delay); break;
                    default: missed++; ctx.Metrics.Fail($"{name}.freshness", "a follower never saw a change made in the window"); break;
                }
            }
        }
        return new SeenCounts(exact, superseded, missed, back);
    }

    private static int ClientCores() =>
        OperatingSystem.IsLinux() ? System.Numerics.BitOperations.PopCount((ulong)(long)Process.GetCurrentProcess().ProcessorAffinity) : Environment.ProcessorCount;
}

using System.Diagnostics;
using Conflicto.Load.Runner;

namespace Conflicto.Load.Scenarios.ReconnectStorm;

/// <summary>
/// The storm's figures, checks and limits: how fast everyone was back, how much history was
/// replayed and received, and what the storm cost the server and the database over and above a
/// quiet window of the same host load just before it (as long, unless the storm ran long).
/// </summary>
public static class StormFigures
{
    public static void Record(ScenarioContext ctx, StormResult storm, WindowLoad quiet, WindowLoad stormWindow)
    {
        var resumes = storm.Resumes;
        var joined = resumes.Where(r => r.Outcome is not null).ToList();
        ctx.Figure("clients dropped", resumes.Count, "");
        ctx.Figure("links cut in", storm.CutIn.TotalMilliseconds, "ms");
        ctx.Figure("events committed while away", storm.SeqAtReconnect - storm.SeqAtDrop, "");
        if (storm.ResumeAll is { } all)
        {
            ctx.Figure("resume-all: reconnect → last client caught up", all.TotalMilliseconds, "ms");
            ctx.Figure("drop → last client caught up", Stopwatch.GetElapsedTime(storm.DroppedAt, storm.CaughtUp.Max()).TotalSeconds, "s");
        }
        ctx.Figure("events replayed (JoinSession answers, all clients)", joined.Sum(r => r.Outcome!.EventsReturned), "");
        ctx.Figure("events replayed per client (mean)", joined.Count == 0 ? 0 : joined.Average(r => r.Outcome!.EventsReturned), "");
        ctx.Figure("received per client, reconnect → caught up (mean)", joined.Count == 0 ? 0 : joined.Average(r => r.BytesReceived) / 1024.0, "KiB");
        ctx.Figure("recovered: false", joined.Count(r => !r.Outcome!.Recovered), "");

        ctx.Figure("quiet window", quiet.Length.TotalSeconds, "s");
        ctx.Figure("storm window (drop → counters published)", stormWindow.Length.TotalSeconds, "s");
        // The storm window may have been stretched (a long storm): the quiet load is scaled to
        // its length before it is subtracted, the host load being the same in both.
        var scale = stormWindow.Length / quiet.Length;
        RecordCost(ctx, "server CPU", quiet.ServerCpuSeconds, stormWindow.ServerCpuSeconds, scale, joined.Count, "s", 1000, "ms");
        if (quiet.Database is { } qd && stormWindow.Database is { } sd)
        {
            RecordCost(ctx, "DB transactions", qd.Transactions, sd.Transactions, scale, joined.Count, "", 1, "");
            RecordCost(ctx, "DB rows read", qd.RowsRead, sd.RowsRead, scale, joined.Count, "", 1, "");
            // Resuming writes nothing; shown so that a storm that did would stand out.
            RecordCost(ctx, "DB rows written", qd.RowsWritten, sd.RowsWritten, scale, 0, "", 1, "");
        }
        else ctx.Limit("database load not measured: the target's database is not the runner's (--url)");
        RecordCpuShares(ctx, quiet, stormWindow, storm.ResumePhase);
    }

    /// <summary>Who had the CPU while clients resumed: the server, the runner, and other processes on the server's core.</summary>
    private static void RecordCpuShares(ScenarioContext ctx, WindowLoad quiet, WindowLoad stormWindow, WindowLoad resuming)
    {
        ctx.Figure("server CPU while resuming (reconnect → last resume ended)", resuming.ServerCpuShare * 100, "% of its core");
        ctx.Figure("client CPU while resuming", resuming.ClientCpuShare * 100, "% of its cores");
        if (LoadAverage() is { } load) ctx.Figure("machine load average (1 min) after the storm", load, "");
        if (resuming.ClientCpuShare >= LimitDetector.SaturatedShare)
            ctx.Limit($"client CPU saturated while resuming ({resuming.ClientCpuShare:P0}): resume figures may be the client's");
        if (resuming.OthersOnServerCoreSeconds is not { } others) return;
        var share = others / Math.Max(0.001, resuming.Length.TotalSeconds);
        ctx.Figure("other processes on the server's core while resuming", share * 100, "% of the core");
        ctx.Figure("other processes on the server's core, quiet window", (quiet.OthersOnServerCoreSeconds ?? 0) / quiet.Length.TotalSeconds * 100, "% of the core");
        ctx.Figure("other processes on the server's core, storm window", (stormWindow.OthersOnServerCoreSeconds ?? 0) / stormWindow.Length.TotalSeconds * 100, "% of the core");
        // PostgreSQL is not pinned and the machine is shared: a server that waited for its own
        // core is not a server that was slow.
        if (share >= 0.25)
            ctx.Limit($"the server's core was shared while resuming: other processes (PostgreSQL, other runs) used {share:P0} of CPU 0, the server {resuming.ServerCpuShare:P0}");
    }

    private static double? LoadAverage()
    {
        try { return double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture); }
        catch (Exception e) when (e is IOException or FormatException or UnauthorizedAccessException) { return null; }
    }

    private static void RecordCost(ScenarioContext ctx, string name, double quiet, double storm, double scale, int resumes, string unit, double perResumeScale, string perResumeUnit)
    {
        ctx.Figure($"{name}, quiet window", quiet, unit);
        ctx.Figure($"{name}, storm window", storm, unit);
        if (resumes > 0) ctx.Figure($"{name} per resume (storm − quiet)", (storm - quiet * scale) * perResumeScale / resumes, perResumeUnit);
    }
}

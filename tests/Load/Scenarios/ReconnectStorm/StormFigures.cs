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
        ctx.Figure("client CPU, storm window", stormWindow.ClientCpuShare * 100, "% of its cores");
        if (stormWindow.ClientCpuShare >= LimitDetector.SaturatedShare)
            ctx.Limit($"client CPU saturated during the storm window ({stormWindow.ClientCpuShare:P0}): resume figures may be the client's");
    }

    private static void RecordCost(ScenarioContext ctx, string name, double quiet, double storm, double scale, int resumes, string unit, double perResumeScale, string perResumeUnit)
    {
        ctx.Figure($"{name}, quiet window", quiet, unit);
        ctx.Figure($"{name}, storm window", storm, unit);
        if (resumes > 0) ctx.Figure($"{name} per resume (storm − quiet)", (storm - quiet * scale) * perResumeScale / resumes, perResumeUnit);
    }
}

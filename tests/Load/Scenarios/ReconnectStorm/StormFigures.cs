using System.Diagnostics;
using Conflicto.Load.Runner;
using Conflicto.Load.Target;

namespace Conflicto.Load.Scenarios.ReconnectStorm;

/// <summary>
/// The storm's figures, checks and limits: how fast everyone was back, how much history was
/// replayed and received, and what the storm cost the server and the database over and above an
/// equally long quiet window of the same host load just before it.
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

        RecordCost(ctx, "server CPU", quiet.ServerCpuSeconds, stormWindow.ServerCpuSeconds, joined.Count, "s", 1000, "ms");
        if (quiet.Database is { } qd && stormWindow.Database is { } sd)
        {
            RecordCost(ctx, "DB transactions", qd.Transactions, sd.Transactions, joined.Count, "", 1, "");
            RecordCost(ctx, "DB rows read", qd.RowsRead, sd.RowsRead, joined.Count, "", 1, "");
            // Resuming writes nothing; shown so that a storm that did would stand out.
            RecordCost(ctx, "DB rows written", qd.RowsWritten, sd.RowsWritten, 0, "", 1, "");
        }
        else ctx.Limit("database load not measured: the target's database is not the runner's (--url)");
        ctx.Figure("client CPU, storm window", stormWindow.ClientCpuShare * 100, "% of its cores");
        if (stormWindow.ClientCpuShare >= LimitDetector.SaturatedShare)
            ctx.Limit($"client CPU saturated during the storm window ({stormWindow.ClientCpuShare:P0}): resume figures may be the client's");

        // Backends publish their counters up to DatabaseStats.FlushDelay late: work done that
        // close to the window's end may be missing from the storm window's database figures.
        if (storm.CaughtUp.Any() && Stopwatch.GetElapsedTime(storm.DroppedAt, storm.CaughtUp.Max()) > stormWindow.Length - DatabaseStats.FlushDelay)
            ctx.Limit($"the storm ended less than {DatabaseStats.FlushDelay.TotalSeconds:0} s before its window closed: its database figures may be understated (raise --window)");
    }

    private static void RecordCost(ScenarioContext ctx, string name, double quiet, double storm, int resumes, string unit, double perResumeScale, string perResumeUnit)
    {
        ctx.Figure($"{name}, quiet window", quiet, unit);
        ctx.Figure($"{name}, storm window", storm, unit);
        if (resumes > 0) ctx.Figure($"{name} per resume (storm − quiet)", (storm - quiet) * perResumeScale / resumes, perResumeUnit);
    }
}

using System.Diagnostics;
using Conflicto.Load.Clients;
using Conflicto.Load.Target;
using Microsoft.AspNetCore.SignalR.Client;

namespace Conflicto.Load.Scenarios.ReconnectStorm;

/// <summary>
/// One session, N participants + host + viewer over the hub; the host changes something at a
/// fixed rate all along. After a warm-up (which also rehearses a resume on a few clients, so the
/// storm is not timed on a cold JIT), a quiet window, then the storm window: a share of the
/// participants lose their link at the same instant, stay away while events pile up, and all
/// come back at once with their last seq. Figures: reconnect and catch-up latency, resume-all
/// time, history replayed, and server CPU and database load of the storm window against the
/// quiet one. Checks: every dropped client resumed with its history, and no client (dropped or
/// not) misses a single seq.
/// </summary>
public sealed class ReconnectStormScenario : IScenario
{
    private const int Activities = 8;
    private const int Rehearsals = 3;
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(15);

    public string Name => "reconnect-storm";

    public async Task RunAsync(ScenarioContext ctx, CancellationToken ct)
    {
        var o = StormOptions.From(ctx.Options);
        ctx.Phase = $"{o.Participants} participants joining";
        await using var room = await Classroom.Classroom.OpenAsync(ctx, o.Participants, o.RampUp, ct, severable: true, joinAllFirst: true);
        var activities = await CreateActivitiesAsync(ctx, room);
        if (ctx.Options.Flag("quiz")) await LiveQuiz.OpenAsync(ctx, room, ct);
        var picked = DropSelection.Pick(o.Participants, o.DropShare, o.Seed).ToHashSet();
        var dropped = room.Participants.Where((_, i) => picked.Contains(i)).ToList();
        var stayed = room.Participants.Where((_, i) => !picked.Contains(i)).Append(room.Viewer).ToList();

        await using var host = new HostChanges(ctx, room.Host, activities, o.Rate);
        ctx.Metrics.StopRecording();
        ctx.Phase = "warm-up";
        var warmUp = Task.Delay(o.WarmUp, ct);
        await RehearseAsync(ctx, dropped.Take(Rehearsals).ToList(), o, ct);
        await warmUp;

        ctx.Phase = $"quiet window ({o.Rate}/s host changes)";
        var quietStart = await WindowReading.TakeAsync(ctx.Target, ct);
        ctx.Metrics.StartRecording();
        host.Window = "quiet";
        await Task.Delay(o.Window, ct);

        var stormStart = await WindowReading.TakeAsync(ctx.Target, ct);
        host.Window = "storm";
        ctx.Phase = $"storm: {dropped.Count} links cut ({o.ModeName}), back after {o.Away.TotalSeconds:0.#} s";
        var storm = await new Storm(ctx, host, o.Mode, o.Away).RunAsync(dropped, ct);
        ctx.Phase = "storm window: settling";
        var rest = StormWindowLength(o.Window, Stopwatch.GetElapsedTime(stormStart.At)) - Stopwatch.GetElapsedTime(stormStart.At);
        if (rest > TimeSpan.Zero) await Task.Delay(rest, ct);
        var stormEnd = await WindowReading.TakeAsync(ctx.Target, ct);
        host.Window = "after";
        ctx.Metrics.EndWindow();

        ctx.Phase = "verifying";
        await host.StopAsync();
        var final = await LastSeqAsync(ctx, room, ct);
        var everyone = room.Participants.Select((c, i) => ($"p{i}", c)).Append(("viewer", room.Viewer)).Append(("host", room.Host)).ToList();
        await Task.WhenAll(everyone.Select(c => c.Item2.WaitForSeqAsync(final, DrainTimeout)));

        StormFigures.Record(ctx, storm, WindowLoad.Between(quietStart, stormStart), WindowLoad.Between(stormStart, stormEnd));
        LiveDelivery.Record(ctx, host.Sent, stayed);
        CoverageCheck.Record(ctx, everyone, final);
        ResumeChecks.Record(ctx, storm);
    }

    /// <summary>
    /// The storm window lasts --window, longer in steps of 10 s (the server's presence-touch
    /// period, so each window holds whole periods of it) when the storm itself ran so long that
    /// backends could not have published its database counters by then (DatabaseStats.FlushDelay).
    /// </summary>
    public static TimeSpan StormWindowLength(TimeSpan window, TimeSpan stormTook)
    {
        var needed = stormTook + DatabaseStats.FlushDelay + TimeSpan.FromSeconds(1);
        var length = window;
        while (length < needed) length += TimeSpan.FromSeconds(10);
        return length;
    }

    private static async Task<IReadOnlyList<Guid>> CreateActivitiesAsync(ScenarioContext ctx, Classroom.Classroom room)
    {
        var ids = new List<Guid>();
        for (var a = 0; a < Activities; a++)
        {
            var created = await ctx.Rest.PostAsync(ctx.Target.UrlFor(0), $"/api/v1/sessions/{room.SessionId}/activities/framework",
                new { activity_type = "poll", title = $"Storm {a}", configuration = new { question = "?", options = new[] { "a", "b" } } },
                adminCode: room.AdminCode);
            ids.Add(Guid.Parse(created["id"]!.ToString()));
        }
        return ids;
    }

    /// <summary>A small drop and resume during the warm-up: both ends have run the resume path once before the storm.</summary>
    private static async Task RehearseAsync(ScenarioContext ctx, IReadOnlyList<LoadHubClient> clients, StormOptions o, CancellationToken ct)
    {
        foreach (var client in clients) client.Sever(o.Mode);
        await Task.Delay(TimeSpan.FromMilliseconds(300), ct);
        await Task.WhenAll(clients.Select(async client =>
        {
            try { await client.ResumeAsync(ct); }
            catch (Exception e) { ctx.Metrics.Fail("rehearsal.reconnect", e); }
        }));
    }

    /// <summary>The session's last seq from a fresh host connection's snapshot (REST status may be cached for a second).</summary>
    private static async Task<long> LastSeqAsync(ScenarioContext ctx, Classroom.Classroom room, CancellationToken ct)
    {
        await using var auditor = LoadHubClient.Create(ctx.Target.UrlFor(0), room.AdminCode, ctx.Options.Hub);
        var joined = await auditor.ConnectAsync(room.SessionId, null, ct);
        return joined.SnapshotSeq;
    }
}

using System.Diagnostics;
using Conflicto.Load.Clients;

namespace Conflicto.Load.Scenarios.ReconnectStorm;

/// <summary>One dropped client's way back: null outcome when it could not rejoin.</summary>
public sealed record Resume(LoadHubClient Client, JoinOutcome? Outcome, long? CaughtUpAt, long BytesReceived);

/// <summary>What the storm did, with Stopwatch ticks for its instants; <see cref="ResumePhase"/> is the CPU from the reconnect until every resume ended.</summary>
public sealed record StormResult(
    long DroppedAt, TimeSpan CutIn, long ReconnectAt, long SeqAtDrop, long SeqAtReconnect, IReadOnlyList<Resume> Resumes, WindowLoad ResumePhase)
{
    public IEnumerable<long> CaughtUp => Resumes.Select(r => r.CaughtUpAt).OfType<long>();

    /// <summary>Reconnect instant → the last dropped client caught up; null if one never did.</summary>
    public TimeSpan? ResumeAll => Resumes.All(r => r.CaughtUpAt is not null) && Resumes.Count > 0
        ? Stopwatch.GetElapsedTime(ReconnectAt, CaughtUp.Max()) : null;
}

/// <summary>
/// Cuts the dropped clients' links at the same instant, leaves them away while the host keeps
/// changing things, then brings every one of them back at once on a new connection with its
/// last seq (docs/realtime.md, client protocol step 4). Steps: storm.connect (WebSocket +
/// hub handshake), storm.join (JoinSession answered and applied), storm.reconnect (both) per
/// client from its own start, and storm.caught_up from the common reconnect instant.
/// </summary>
public sealed class Storm(ScenarioContext ctx, HostChanges host, DropMode mode, TimeSpan away)
{
    public async Task<StormResult> RunAsync(IReadOnlyList<LoadHubClient> dropped, CancellationToken ct)
    {
        var seqAtDrop = host.LastAcked;
        var droppedAt = Stopwatch.GetTimestamp();
        foreach (var client in dropped) client.Sever(mode);
        var cutIn = Stopwatch.GetElapsedTime(droppedAt);
        await Task.Delay(away, ct);
        var seqAtReconnect = host.LastAcked;
        var cpuAtReconnect = CpuReading.Take(ctx.Target);
        var reconnectAt = cpuAtReconnect.At;
        var resumes = await Task.WhenAll(dropped.Select(c => ResumeOneAsync(c, reconnectAt, ct)));
        var phase = WindowLoad.Between(cpuAtReconnect, CpuReading.Take(ctx.Target));
        return new StormResult(droppedAt, cutIn, reconnectAt, seqAtDrop, seqAtReconnect, resumes, phase);
    }

    private async Task<Resume> ResumeOneAsync(LoadHubClient client, long reconnectAt, CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(StormOptions.ResumeTimeout);
        var bytesBefore = client.BytesReceived ?? 0;
        var start = Stopwatch.GetTimestamp();
        JoinOutcome outcome;
        try
        {
            outcome = await client.ResumeAsync(deadline.Token);
        }
        catch (Exception e)
        {
            ctx.Metrics.Fail("storm.reconnect", e);
            return new Resume(client, null, null, 0);
        }
        ctx.Metrics.Ok("storm.connect", Stopwatch.GetElapsedTime(start, outcome.JoinStartedAt));
        ctx.Metrics.Ok("storm.join", Stopwatch.GetElapsedTime(outcome.JoinStartedAt, outcome.DoneAt));
        ctx.Metrics.Ok("storm.reconnect", Stopwatch.GetElapsedTime(start, outcome.DoneAt));

        var target = host.LastAcked;
        if (outcome.SeqAfter < target)
            await client.WaitForSeqAsync(target, StormOptions.ResumeTimeout - Stopwatch.GetElapsedTime(start));
        var caughtUp = CatchUp.Moment(outcome, target, client.ArrivalOf(target));
        if (caughtUp is { } at) ctx.Metrics.Ok("storm.caught_up", Stopwatch.GetElapsedTime(reconnectAt, at));
        else ctx.Metrics.Fail("storm.caught_up", $"seq {target} had not arrived {StormOptions.ResumeTimeout.TotalSeconds:0} s after the reconnect (at seq {client.LastSeq})");
        return new Resume(client, outcome, caughtUp, (client.BytesReceived ?? 0) - bytesBefore);
    }
}

namespace Conflicto.Load.Scenarios.ReconnectStorm;

/// <summary>Every dropped client came back, with its history (docs/realtime.md: recovered: true).</summary>
public static class ResumeChecks
{
    /// <summary>Realtime:MaxReplayEvents, the server's default: a longer backlog may legitimately answer recovered: false.</summary>
    public const long MaxReplayEvents = 10_000;

    public static void Record(ScenarioContext ctx, StormResult storm)
    {
        var resumes = storm.Resumes;
        var resumed = resumes.Count(r => r.CaughtUpAt is not null);
        ctx.Check("all dropped clients resumed", resumed == resumes.Count,
            $"{resumed} of {resumes.Count} caught up within {StormOptions.ResumeTimeout.TotalSeconds:0} s of the reconnect");

        var joins = resumes.Select(r => r.Outcome).OfType<Clients.JoinOutcome>().ToList();
        var notRecovered = joins.Where(j => !j.Recovered).ToList();
        var unexcused = notRecovered.Count(j => !BeyondReplayLimit(j));
        var longest = joins.Select(j => j.SnapshotSeq - j.SeqBefore).DefaultIfEmpty(0).Max();
        ctx.Check("history recovered (recovered: true)", unexcused == 0,
            $"{notRecovered.Count} of {joins.Count} rejoins answered recovered: false ({notRecovered.Count - unexcused} beyond the "
            + $"{MaxReplayEvents:N0}-event replay limit); longest backlog {longest} events");
    }

    /// <summary>Whether the server may answer recovered: false because the client missed more than it replays.</summary>
    public static bool BeyondReplayLimit(Clients.JoinOutcome join) => join.SnapshotSeq - join.SeqBefore > MaxReplayEvents;
}

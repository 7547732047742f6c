using Conflicto.Load.Clients;
using Conflicto.Load.Scenarios.ReconnectStorm;

namespace Conflicto.Tests.Unit.Load;

public class ResumeChecksTests
{
    private static JoinOutcome NotRecovered(long seqBefore, long snapshotSeq) =>
        new(Recovered: false, snapshotSeq, EventsReturned: 0, EventsApplied: 0, seqBefore, SeqAfter: snapshotSeq, JoinStartedAt: 0, DoneAt: 1);

    [Fact]
    public void BeyondReplayLimit_BacklogOfExactlyTheLimit_MustHaveBeenRecovered() =>
        Assert.False(ResumeChecks.BeyondReplayLimit(NotRecovered(seqBefore: 100, snapshotSeq: 100 + ResumeChecks.MaxReplayEvents)));

    [Fact]
    public void BeyondReplayLimit_LongerBacklog_ExcusesAFreshSnapshot() =>
        Assert.True(ResumeChecks.BeyondReplayLimit(NotRecovered(seqBefore: 100, snapshotSeq: 101 + ResumeChecks.MaxReplayEvents)));
}

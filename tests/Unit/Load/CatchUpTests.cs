using Conflicto.Load.Clients;
using Conflicto.Load.Scenarios.ReconnectStorm;

namespace Conflicto.Tests.Unit.Load;

public class CatchUpTests
{
    private static JoinOutcome Joined(long seqAfter, long doneAt) =>
        new(Recovered: true, SnapshotSeq: seqAfter, EventsReturned: 5, EventsApplied: 5, SeqBefore: seqAfter - 5, SeqAfter: seqAfter, JoinStartedAt: doneAt - 10, DoneAt: doneAt);

    [Fact]
    public void Moment_AnswerReachedTheTarget_IsWhenTheAnswerWasApplied() =>
        Assert.Equal(1000, CatchUp.Moment(Joined(seqAfter: 50, doneAt: 1000), target: 50, arrivalOfTarget: null));

    [Fact]
    public void Moment_TargetArrivedLiveAfterTheAnswer_IsItsArrival() =>
        Assert.Equal(1500, CatchUp.Moment(Joined(seqAfter: 48, doneAt: 1000), target: 50, arrivalOfTarget: 1500));

    [Fact]
    public void Moment_NeverBeforeTheAnswerWasApplied() =>
        Assert.Equal(1000, CatchUp.Moment(Joined(seqAfter: 48, doneAt: 1000), target: 50, arrivalOfTarget: 900));

    [Fact]
    public void Moment_TargetNeverArrived_IsNull() =>
        Assert.Null(CatchUp.Moment(Joined(seqAfter: 48, doneAt: 1000), target: 50, arrivalOfTarget: null));
}

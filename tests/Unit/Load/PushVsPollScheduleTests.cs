using Conflicto.Load.Scenarios.PushVsPoll;

namespace Conflicto.Tests.Unit.Load;

public class PushVsPollScheduleTests
{
    private static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);

    [Fact]
    public void OffsetOf_SpreadsPollersEvenlyOverOnePeriod()
    {
        var schedule = new PollSchedule(4, S(1));

        Assert.Equal([0.0, 0.25, 0.5, 0.75], Enumerable.Range(0, 4).Select(i => schedule.OffsetOf(i).TotalSeconds));
    }

    [Fact]
    public void OffsetOf_ManyPollers_EveryOffsetIsInsideThePeriodAndDistinct()
    {
        var schedule = new PollSchedule(1000, S(1));

        var offsets = Enumerable.Range(0, 1000).Select(schedule.OffsetOf).ToList();

        Assert.All(offsets, o => Assert.InRange(o, TimeSpan.Zero, S(0.999)));
        Assert.Equal(1000, offsets.Distinct().Count());
    }

    [Fact]
    public void NextSlot_OnTime_IsOnePeriodLaterOnTheSameGrid()
    {
        var schedule = new PollSchedule(4, S(1));

        Assert.Equal(S(1.25), schedule.NextSlot(1, S(0.25)));
        Assert.Equal(S(0.25), schedule.NextSlot(1, S(0.1))); // before the first slot: the first slot
    }

    [Fact]
    public void NextSlot_AfterAnOverrun_SkipsToTheNextSlotAheadWithoutCatchUp()
    {
        var schedule = new PollSchedule(4, S(1));

        var next = schedule.NextSlot(1, S(3.4)); // the poll due at 0.25 s returned at 3.4 s

        Assert.Equal(S(4.25), next);
        Assert.Equal(3, schedule.Skipped(S(0.25), next)); // 1.25, 2.25 and 3.25 were passed over
        Assert.Equal(0, schedule.Skipped(S(0.25), S(1.25)));
    }

    [Fact]
    public void OffsetOf_OutOfRange_IsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new PollSchedule(4, S(1)).OffsetOf(4));
}

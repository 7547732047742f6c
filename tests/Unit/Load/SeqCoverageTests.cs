using Conflicto.Load.Clients;

namespace Conflicto.Tests.Unit.Load;

public class SeqCoverageTests
{
    [Fact]
    public void HolesUpTo_SnapshotThenEveryEvent_HasNoHole()
    {
        var coverage = new SeqCoverage();
        coverage.CoverThrough(10);
        for (var seq = 11; seq <= 20; seq++) coverage.Add(seq);

        Assert.Empty(coverage.HolesUpTo(20));
        Assert.Equal([(1L, 20L)], coverage.Ranges);
    }

    [Fact]
    public void HolesUpTo_MissingEventsInTheMiddle_AreListedAsOneRange()
    {
        var coverage = new SeqCoverage();
        coverage.CoverThrough(5);
        coverage.Add(6);
        coverage.Add(10); // 7, 8, 9 never arrived
        coverage.Add(11);

        Assert.Equal([(7L, 9L)], coverage.HolesUpTo(11));
        Assert.Equal(3, coverage.MissingUpTo(11));
    }

    [Fact]
    public void HolesUpTo_OneMissingEvent_IsFound()
    {
        var coverage = new SeqCoverage();
        coverage.CoverThrough(5);
        coverage.Add(7); // 6 skipped

        Assert.Equal([(6L, 6L)], coverage.HolesUpTo(7));
        Assert.Equal(1, coverage.MissingUpTo(7));
    }

    [Fact]
    public void HolesUpTo_ClientBehindTheFinalSeq_MissesTheTail()
    {
        var coverage = new SeqCoverage();
        coverage.CoverThrough(3);

        Assert.Equal([(4L, 7L)], coverage.HolesUpTo(7));
    }

    [Fact]
    public void HolesUpTo_NoSnapshot_MissesTheStart()
    {
        var coverage = new SeqCoverage();
        coverage.Add(3);
        coverage.Add(4);

        Assert.Equal([(1L, 2L)], coverage.HolesUpTo(4));
    }

    [Fact]
    public void HolesUpTo_SeqsPastTheLimit_DoNotCount()
    {
        var coverage = new SeqCoverage();
        coverage.CoverThrough(2);
        coverage.Add(5);

        Assert.Equal([(3L, 4L)], coverage.HolesUpTo(4));
        Assert.Equal([(3L, 4L)], coverage.HolesUpTo(5));
    }

    [Fact]
    public void Add_OutOfOrder_MergesIntoOneRangeWhenTheHoleFills()
    {
        var coverage = new SeqCoverage();
        coverage.Add(1);
        coverage.Add(3);
        coverage.Add(5);
        coverage.Add(4);
        coverage.Add(2);

        Assert.Equal([(1L, 5L)], coverage.Ranges);
        Assert.Equal(0, coverage.Repeats);
    }

    [Fact]
    public void Add_SeqAlreadyHeld_CountsARepeatAndChangesNothing()
    {
        var coverage = new SeqCoverage();
        coverage.CoverThrough(4);
        coverage.Add(3);
        coverage.Add(5);
        coverage.Add(5);

        Assert.Equal(2, coverage.Repeats);
        Assert.Equal([(1L, 5L)], coverage.Ranges);
    }

    [Fact]
    public void Add_WithPrevSeq_AccountsForTheSeqsTheStreamSkipped()
    {
        var coverage = new SeqCoverage();
        coverage.CoverThrough(3);
        coverage.Add(6, prevSeq: 3); // 4, 5: other participants' events, not in this stream
        coverage.Add(9, prevSeq: 6);

        Assert.Empty(coverage.HolesUpTo(9));
        Assert.Equal([(1L, 9L)], coverage.Ranges);
    }

    [Fact]
    public void Add_WithPrevSeq_APrevSeqAboveTheLastHeldLeavesTheRealHole()
    {
        var coverage = new SeqCoverage();
        coverage.CoverThrough(3);
        coverage.Add(9, prevSeq: 6); // the event at 6 (prevSeq) and whatever led to it never arrived

        Assert.Equal([(4L, 6L)], coverage.HolesUpTo(9));
    }

    [Fact]
    public void Add_WithPrevSeq_OutOfOrderReplayFillsTheHoleWithoutOverlappingRanges()
    {
        var coverage = new SeqCoverage();
        coverage.CoverThrough(2);
        coverage.Add(10, prevSeq: 8);
        coverage.Add(12, prevSeq: 10);
        coverage.Add(8, prevSeq: 3); // replayed later: covers 4..8
        coverage.Add(3, prevSeq: 2);

        Assert.Equal([(1L, 12L)], coverage.Ranges);
        Assert.Equal(0, coverage.Repeats);
    }

    [Fact]
    public void Add_WithPrevSeq_TheEventItselfAlreadyHeldIsARepeat()
    {
        var coverage = new SeqCoverage();
        coverage.CoverThrough(5);
        coverage.Add(8, prevSeq: 5);
        coverage.Add(7, prevSeq: 5); // 7 was accounted for as skipped: receiving it is a repeat

        Assert.Equal(1, coverage.Repeats);
        Assert.Equal([(1L, 8L)], coverage.Ranges);
    }
}

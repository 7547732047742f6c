using Conflicto.Load.Clients;

namespace Conflicto.Tests.Unit.Load;

public class EventStreamTests
{
    private static EventMessage E(long seq, long? prevSeq = null) => new() { Seq = seq, PrevSeq = prevSeq, Type = "t" };

    private static EventStream Joined(long snapshotSeq)
    {
        var stream = new EventStream();
        stream.ApplyJoin(afterSeq: null, snapshotSeq, recovered: false, []);
        return stream;
    }

    [Theory]
    [InlineData(10, 10, null, Arrival.Duplicate)]
    [InlineData(9, 10, 8L, Arrival.Duplicate)]
    [InlineData(11, 10, null, Arrival.Next)] // v1: prevSeq missing = seq - 1
    [InlineData(12, 10, null, Arrival.Gap)]
    [InlineData(15, 10, 10L, Arrival.Next)] // v2: the stream skipped 11..14
    [InlineData(15, 10, 7L, Arrival.Next)] // prevSeq below lastSeq (after a snapshot that covers invisible events)
    [InlineData(15, 10, 12L, Arrival.Gap)]
    public void Classify_FollowsTheV2ClientRule(long seq, long lastSeq, long? prevSeq, Arrival expected) =>
        Assert.Equal(expected, EventStream.Classify(E(seq, prevSeq), lastSeq));

    [Fact]
    public void Receive_ABatchIsOneMessageAndEachEnvelopeADelivery()
    {
        var stream = Joined(4);

        stream.Receive([E(5, 4), E(6, 5), E(7, 6), E(8, 7), E(9, 8)], canRejoin: true);
        stream.Receive([E(10, 9)], canRejoin: true);

        Assert.Equal(2, stream.Messages);
        Assert.Equal(6, stream.Deliveries);
        Assert.Equal(10, stream.LastSeq);
        Assert.Equal(0, stream.Gaps);
    }

    [Fact]
    public void Receive_V2ParticipantStreamThatSkipsSeqs_HasNoGapAndNoHole()
    {
        var stream = Joined(4);

        stream.Receive([E(7, 4), E(12, 7)], canRejoin: true); // 5, 6, 8..11 were other participants' events
        stream.Receive([E(13, 12)], canRejoin: true);

        Assert.Equal(0, stream.Gaps);
        Assert.Equal(13, stream.LastSeq);
        Assert.Empty(stream.Coverage.HolesUpTo(13));
    }

    [Fact]
    public void Receive_DuplicatesInABatchAreDroppedNotCountedAsGaps()
    {
        var stream = Joined(6);

        var rejoin = stream.Receive([E(5, 4), E(6, 5), E(7, 6)], canRejoin: true);

        Assert.False(rejoin);
        Assert.Equal(7, stream.LastSeq);
        Assert.Equal(0, stream.Gaps);
        Assert.Equal(0, stream.Coverage.Repeats);
    }

    [Fact]
    public void Receive_GapInTheMiddleOfABatch_AsksForARejoinAndHoldsTheRest()
    {
        var stream = Joined(4);

        var rejoin = stream.Receive([E(5, 4), E(9, 8), E(10, 9)], canRejoin: true); // 6..8 lost

        Assert.True(rejoin);
        Assert.Equal(1, stream.Gaps);
        Assert.Equal(5, stream.LastSeq); // applied up to the gap, nothing after it
        Assert.False(stream.Joined);
        stream.Receive([E(11, 10)], canRejoin: true); // live while re-joining: held
        Assert.Equal(5, stream.LastSeq);

        // The re-join after 5 replays 6..8 (the participant's stream skips 7: 8's prevSeq is 6).
        var applied = stream.ApplyJoin(afterSeq: 5, snapshotSeq: 11, recovered: true, [E(6, 5), E(8, 6)]);

        Assert.Equal(2, applied);
        Assert.Equal(11, stream.LastSeq);
        Assert.Equal(1, stream.Gaps); // the one detected, nothing more
        Assert.Empty(stream.Coverage.HolesUpTo(11));
    }

    [Fact]
    public void Receive_WithoutSessionsToRejoin_CountsTheGapAndGoesOn()
    {
        var stream = new EventStream();
        stream.StartBare();

        var rejoin = stream.Receive([E(1), E(3)], canRejoin: false);

        Assert.False(rejoin);
        Assert.Equal(1, stream.Gaps);
        Assert.Equal(3, stream.LastSeq);
        Assert.Equal([(2L, 2L)], stream.Coverage.HolesUpTo(3));
    }

    [Fact]
    public void ApplyJoin_EnvelopesBeforeTheAnswerAreHeldThenAppliedOrDropped()
    {
        var stream = new EventStream();

        stream.Receive([E(9, 8), E(11, 9)], canRejoin: true); // live before the answer (seq 10 invisible to this role)
        Assert.Equal(0, stream.LastSeq);

        stream.ApplyJoin(afterSeq: null, snapshotSeq: 9, recovered: false, []);

        Assert.Equal(11, stream.LastSeq); // 9 dropped (in the snapshot), 11 applied
        Assert.Equal(0, stream.Gaps);
        Assert.Empty(stream.Coverage.HolesUpTo(11));
    }

    [Fact]
    public void ApplyJoin_AGapInWhatFollowsTheAnswer_IsTheServersAndCounted()
    {
        var stream = new EventStream();

        stream.ApplyJoin(afterSeq: null, snapshotSeq: 3, recovered: false, [E(4, 3), E(7, 5)]);

        Assert.Equal(1, stream.Gaps);
        Assert.Equal([(5L, 5L)], stream.Coverage.HolesUpTo(7));
    }

    [Fact]
    public void ApplyJoin_NotRecovered_StartsFromTheSnapshotAndLeavesTheMissedSeqsAsHoles()
    {
        var stream = Joined(5);
        stream.Reset(); // a new connection

        stream.ApplyJoin(afterSeq: 5, snapshotSeq: 20, recovered: false, []);

        Assert.Equal(20, stream.LastSeq);
        Assert.Equal([(6L, 20L)], stream.Coverage.HolesUpTo(20));
    }
}

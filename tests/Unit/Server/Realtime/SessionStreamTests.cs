using System.Text.Json;
using Conflicto.Data.Events;
using Conflicto.Server.Access;
using Conflicto.Server.Realtime;
using static Conflicto.Tests.Unit.Server.Realtime.StreamTesting;

namespace Conflicto.Tests.Unit.Server.Realtime;

/// <summary>One session's stream: order, duplicates, skip points, v2 batches and their groups, prevSeq chains, failures.</summary>
public sealed class SessionStreamTests
{
    private static readonly Audience Alice = new(Roles.Participant, 1);
    private static readonly Audience Bob = new(Roles.Participant, 2);

    private readonly ErrorLog _log = new();

    private SessionStream Stream(TimeProvider? time = null, int batchMs = 0, Action<SessionEvent>? released = null) =>
        new(Session, _log, released ?? (_ => { }), time, TimeSpan.FromMilliseconds(batchMs));

    [Fact]
    public async Task Offer_OutOfOrderAndTwice_SendsEachEventOnceInSeqOrder_V1WithOneEventPerMessage()
    {
        var stream = Stream();
        var host = stream.Subscribe(Audience.Host, 0, StreamVersions.V1);

        stream.Offer([Updated(3), Updated(1)]);
        stream.Offer([Updated(2), Updated(1), Updated(3)]);
        stream.Offer([Updated(4)]);
        await EventuallyAsync(() => host.Seqs.Count >= 4, "four events");

        Assert.Equal([1, 2, 3, 4], host.Seqs);
        Assert.Equal([0, 1, 2, 3], host.PrevSeqs);
        Assert.All(host.Sent, m => Assert.Equal(nameof(ISessionClient.Event), ((Microsoft.AspNetCore.SignalR.Protocol.InvocationMessage)m.Message!).Target));
        Assert.Equal(4, host.Sent.Count);
    }

    [Fact]
    public async Task V2_EventsReleasedDuringThePause_GoOutTogether_AndAJoinerGetsOnlyWhatFollowsItsSkipPoint()
    {
        var time = new ManualTime();
        var stream = Stream(time, batchMs: 25);
        var early = stream.Subscribe(Audience.Host, 0);

        stream.Offer([Updated(1)]); // the loop is idle: out at once, then it pauses
        await EventuallyAsync(() => early.Sent.Count == 1 && time.Pending == 1, "the first event and the pause");
        stream.Offer([Updated(2)]);
        var late = stream.Subscribe(Audience.Host, 2); // its snapshot covers 2
        stream.Offer([Updated(3), Updated(4)]);
        Assert.Single(early.Sent); // still paused
        time.FireAll();
        await EventuallyAsync(() => early.Sent.Count == 2 && late.Sent.Count == 1, "the batch");

        Assert.Equal([[1], [2, 3, 4]], early.Batches.Select(b => b.Select(e => e.Seq).ToList()));
        Assert.Equal([[3, 4]], late.Batches.Select(b => b.Select(e => e.Seq).ToList()));
        Assert.Equal([2, 3], late.PrevSeqs);
    }

    [Fact]
    public async Task V2_OneSerialisationPerDistinctContent_ParticipantsWithOwnEventsGetTheirOwn()
    {
        var stream = Stream();
        var hosts = new[] { stream.Subscribe(Audience.Host, 0), stream.Subscribe(Audience.Host, 0) };
        var viewers = new[] { stream.Subscribe(Audience.Viewer, 0), stream.Subscribe(Audience.Viewer, 0) };
        var alice = stream.Subscribe(Alice, 0);
        var bob = stream.Subscribe(Bob, 0);
        var carol = stream.Subscribe(new Audience(Roles.Participant, 3), 0);

        stream.Offer([Updated(1), Answered(2, participant: 1), Joined(3, participant: 9), Updated(4)]);
        await EventuallyAsync(() => new[] { alice, bob, carol }.All(c => c.Sent.Count == 1) && hosts.Concat(viewers).All(c => c.Sent.Count == 1), "one message each");

        Assert.Same(hosts[0].Sent[0], hosts[1].Sent[0]);
        Assert.Same(viewers[0].Sent[0], viewers[1].Sent[0]);
        Assert.Same(bob.Sent[0], carol.Sent[0]); // no own events: the public stream, shared
        Assert.NotSame(alice.Sent[0], bob.Sent[0]);
        Assert.Equal([1, 2, 3, 4], hosts[0].Seqs);
        Assert.Equal([1, 2, 4], alice.Seqs);
        Assert.Equal([1, 4], bob.Seqs);
        Assert.Equal([0, 1, 2], alice.PrevSeqs);
        Assert.Equal([0, 1], bob.PrevSeqs);
    }

    [Fact]
    public async Task V2_ParticipantChains_MatchTheAudienceRulesOverTheLog()
    {
        var stream = Stream();
        var log = new[] { Updated(11), Joined(12, 3), Answered(13, 1), Updated(14), Answered(15, 2), Updated(16), Joined(17, 1) };
        var host = stream.Subscribe(Audience.Host, 10);
        var alice = stream.Subscribe(Alice, 10);
        var bob = stream.Subscribe(Bob, 10);

        foreach (var e in log) stream.Offer([e]); // one by one: batches fall where they may
        await EventuallyAsync(() => host.Seqs.Count == 7 && alice.Seqs.LastOrDefault() == 17 && bob.Seqs.LastOrDefault() == 16, "every event");

        foreach (var (client, audience) in new[] { (host, Audience.Host), (alice, Alice), (bob, Bob) })
        {
            var expected = StreamRules.Chain(log, audience, 10).Select(c => (c.Event.Seq, c.PrevSeq)).ToList();
            Assert.Equal(expected, client.Seqs.Zip(client.PrevSeqs).ToList());
        }
        Assert.Equal([11, 13, 14, 16, 17], alice.Seqs);
        Assert.Equal([10, 11, 13, 14, 16], alice.PrevSeqs);
    }

    [Fact]
    public async Task V2_OwnEventsTheJoinCovered_DoNotSplitThePublicStream()
    {
        var stream = Stream();
        var host = stream.Subscribe(Audience.Host, 10);
        stream.Offer([Updated(11), Joined(12, 5)]);
        var five = stream.Subscribe(new Audience(Roles.Participant, 5), 12);
        stream.Offer([Joined(13, 6)]);
        var six = stream.Subscribe(new Audience(Roles.Participant, 6), 13);
        stream.Offer([Updated(14)]);
        await EventuallyAsync(() => five.Sent.Count == 1 && six.Sent.Count == 1, "the public event");

        Assert.Same(five.Sent[0], six.Sent[0]);
        Assert.Equal([14], five.Seqs);
        Assert.Equal([11], five.PrevSeqs);
        Assert.Equal([11, 12, 13, 14], host.Seqs);
    }

    [Fact]
    public async Task AFailingEventOrSubscriber_IsLoggedWithItsSeq_AndTheStreamGoesOn()
    {
        var stream = Stream(released: e => { if (e.Seq == 4) throw new InvalidOperationException("observer failed"); });
        var v1 = stream.Subscribe(Audience.Host, 0, StreamVersions.V1);
        var v2 = stream.Subscribe(Audience.Host, 0);
        var broken = stream.Subscribe(Audience.Viewer, 0, throws: true);

        stream.Offer([Updated(1), Poisoned(2), Updated(3)]);
        stream.Offer([Updated(4)]);
        stream.Offer([Updated(5)]);
        // All five may leave in one drain (a loop that starts late finds them together): the broken
        // subscriber's write and the observer of 4 then come after the healthy clients have 5.
        await EventuallyAsync(() => v1.Seqs.LastOrDefault() == 5 && v2.Seqs.LastOrDefault() == 5
            && _log.Errors.Any(m => m.Contains("event 4 of session 7")) && _log.Errors.Any(m => m.Contains(broken.ConnectionId)), "the events and errors after the failures");

        Assert.Equal([1, 3, 4, 5], v1.Seqs);
        Assert.Equal([1, 3, 4, 5], v2.Seqs);
        Assert.Equal(2, v2.PrevSeqs[1]); // a v2 client sees the hole and resumes from the log
        Assert.Contains(_log.Errors, m => m.Contains("event 2 of session 7"));
        Assert.Contains(_log.Errors, m => m.Contains("event 4 of session 7")); // the observer
        Assert.Contains(_log.Errors, m => m.Contains(broken.ConnectionId));
    }

    [Fact]
    public async Task V1Only_NoPauseBetweenReleases()
    {
        var time = new ManualTime();
        var stream = Stream(time, batchMs: 60_000);
        var host = stream.Subscribe(Audience.Host, 0, StreamVersions.V1);

        stream.Offer([Updated(1)]);
        await EventuallyAsync(() => host.Sent.Count == 1, "the first event");
        stream.Offer([Updated(2)]);
        await EventuallyAsync(() => host.Sent.Count == 2, "the second event, without the clock moving");

        Assert.Equal(0, time.Pending);
    }

    /// <summary>An event whose payload cannot be read (its document is gone): building it throws.</summary>
    private static SessionEvent Poisoned(long seq)
    {
        JsonElement gone;
        using (var document = JsonDocument.Parse("{}")) gone = document.RootElement;
        return new SessionEvent(Session, seq, EventTypes.SessionUpdated, DateTime.UtcNow, gone);
    }
}

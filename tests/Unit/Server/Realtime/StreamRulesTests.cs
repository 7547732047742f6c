using Conflicto.Data.Activities;
using Conflicto.Data.Events;
using Conflicto.Data.Infrastructure;
using Conflicto.Server.Access;
using Conflicto.Server.Realtime;
using static Conflicto.Tests.Unit.Server.Realtime.StreamTesting;

namespace Conflicto.Tests.Unit.Server.Realtime;

/// <summary>Who sees what in the audience streams (v2, replay, REST), the prevSeq chain, and slim state changes.</summary>
public sealed class StreamRulesTests
{
    private static readonly Audience Alice = new(Roles.Participant, 1);

    public static TheoryData<string, int?, bool> ParticipantCases => new()
    {
        { EventTypes.SessionUpdated, null, true },
        { EventTypes.ActivityStateChanged, null, true },
        { EventTypes.ActivityProcessing, null, true },
        { EventTypes.ParticipantJoined, 1, true },
        { EventTypes.ParticipantJoined, 2, false },
        { EventTypes.ParticipantLeft, 2, false },
        { EventTypes.ResponseAdded, 1, true },
        { EventTypes.ResponseAdded, 2, false },
        { EventTypes.ResponseDeleted, 2, false },
        { EventTypes.ResponseModerated, 1, true },
        { EventTypes.ResponseModerated, 2, false },
        { EventTypes.ResponseProcessing, 1, false }, // its effect comes as Results
        { EventTypes.ResponseMarked, 1, false },
    };

    [Theory]
    [MemberData(nameof(ParticipantCases))]
    public void Sees_Participant_SessionAndActivityChangesAndWhatIsAboutItself(string type, int? participant, bool seen)
    {
        var e = Event(5, type, new { participant_id = participant, id = Guid.NewGuid() });

        Assert.Equal(seen, StreamRules.Sees(Alice, e));
        Assert.True(StreamRules.Sees(Audience.Host, e));
        Assert.True(StreamRules.Sees(Audience.Viewer, e));
    }

    [Fact]
    public void Chain_Participant_EachEventPointsAtThePreviousOneItSees_TheFirstAtTheCursor()
    {
        var log = new[] { Joined(4, 2), Updated(5), Answered(6, 2), Answered(7, 1), Joined(8, 3) };

        Assert.Equal([(5L, 3L), (7L, 5L)], StreamRules.Chain(log, Alice, 3).Select(c => (c.Event.Seq, c.PrevSeq)));
        Assert.Equal([3L, 4, 5, 6, 7], StreamRules.Chain(log, Audience.Viewer, 3).Select(c => c.PrevSeq));
    }

    [Theory]
    [InlineData("published", "active", "host", true)]
    [InlineData("published", "active", "participant", true)]
    [InlineData("draft", "published", "participant", false)] // revealed: the whole activity
    [InlineData(null, "active", "viewer", false)] // stored before previous_state: maybe a reveal
    [InlineData("draft", "published", "host", true)] // the host already holds it
    public void StateChange_V2IsSlimUnlessItRevealsTheActivity(string? previous, string state, string role, bool slim)
    {
        var audience = role == Roles.Participant ? Alice : role == Roles.Host ? Audience.Host : Audience.Viewer;
        var row = new ActivityRow { Id = Guid.NewGuid(), SessionId = Session, State = state, Title = "Poll", Description = "Pick one",
            Configuration = Json.ToElement(new { question = "?", options = new[] { "A", "B" } }), ActivityMetadata = Json.ToElement(new { }),
            SchemaRender = Json.ToElement(new { participant = new { widget = "choice" } }) };
        object payload = previous is null ? row : ActivityStore.StateChangedPayload(row, previous);
        var e = Event(9, EventTypes.ActivityStateChanged, payload);

        var v2 = (Dictionary<string, object?>)Envelopes.Data(e, audience, StreamVersions.V2)!;
        var v1 = (Dictionary<string, object?>)Envelopes.Data(e, audience, StreamVersions.V1)!;

        Assert.Equal(!slim, v2.ContainsKey("configuration"));
        Assert.Equal(!slim, v2.ContainsKey("schema_render"));
        Assert.Equal(!slim, v2.ContainsKey("description"));
        Assert.Equal(state, v2["state"]);
        Assert.Equal("Poll", v2["title"]);
        Assert.True(v1.ContainsKey("configuration") && v1.ContainsKey("schema_render")); // v1 keeps full payloads
    }
}

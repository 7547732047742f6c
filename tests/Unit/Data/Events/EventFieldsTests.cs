using Conflicto.Data.Activities;
using Conflicto.Data.Events;
using Conflicto.Data.Infrastructure;
using Conflicto.Data.Participants;
using Conflicto.Data.Processing;
using Conflicto.Data.Responses;

namespace Conflicto.Tests.Unit.Data.Events;

/// <summary>
/// Every payload the stores emit, read back through <see cref="EventFields"/>: renaming a payload
/// property fails here instead of silently stopping redaction, revocation or results routing.
/// </summary>
public sealed class EventFieldsTests
{
    private static readonly Guid ActivityId = Guid.NewGuid();
    private static readonly Guid ResponseId = Guid.NewGuid();

    private static SessionEvent Event(string type, object payload) => new(3, 9, type, DateTime.UtcNow, Json.ToElement(payload));

    [Fact]
    public void Activity_rows_give_their_id_session_and_state()
    {
        var row = new ActivityRow { Id = ActivityId, SessionId = 3, State = ActivityStates.Draft, Configuration = Json.ToElement(new { }), ActivityMetadata = Json.ToElement(new { }) };
        var e = Event(EventTypes.ActivityStateChanged, row);
        var fields = EventFields.Of(e);
        Assert.Equal(ActivityId, fields.Id);
        Assert.Equal(3, fields.SessionId);
        Assert.Equal(ActivityStates.Draft, fields.State);
        Assert.Equal(ActivityId, EventFields.ActivityOf(e));
    }

    [Fact]
    public void State_changes_give_the_state_left_beside_the_activity()
    {
        var row = new ActivityRow { Id = ActivityId, SessionId = 3, State = ActivityStates.Active, Configuration = Json.ToElement(new { }), ActivityMetadata = Json.ToElement(new { }) };
        var fields = EventFields.Of(Event(EventTypes.ActivityStateChanged, ActivityStore.StateChangedPayload(row, ActivityStates.Published)));
        Assert.Equal(ActivityStates.Published, fields.PreviousState);
        Assert.Equal(ActivityStates.Active, fields.State);
        Assert.Equal(ActivityId, fields.Id);
    }

    [Fact]
    public void Response_payloads_give_author_anonymity_and_activity()
    {
        var row = new ResponseRow { Id = ResponseId, ActivityId = ActivityId, ParticipantId = 42, Anonymous = true, ProcessingStatus = "pending", ResponseData = Json.ToElement(new { option = 1 }) };
        var e = Event(EventTypes.ResponseAdded, ResponsePayload.From(row, anonymous: true));
        var fields = EventFields.Of(e);
        Assert.Equal(ResponseId, fields.Id);
        Assert.Equal(42, fields.ParticipantId);
        Assert.True(fields.Anonymous);
        Assert.Equal("pending", fields.ProcessingStatus);
        Assert.Equal(ActivityId, EventFields.ActivityOf(e));
    }

    [Fact]
    public void Participant_payloads_give_the_participant_and_how_it_left()
    {
        var row = new ParticipantRow { Id = 5, SessionId = 3, Nickname = "Ada" };
        Assert.Equal(5, EventFields.Of(Event(EventTypes.ParticipantJoined, ParticipantPayload.From(row))).ParticipantId);
        var left = EventFields.Of(Event(EventTypes.ParticipantLeft, ParticipantLeftPayload.From(row, removedByHost: true)));
        Assert.Equal(5, left.ParticipantId);
        Assert.True(left.RemovedByHost);
    }

    [Fact]
    public void Processing_payloads_give_kind_subject_activity_and_recorded_state()
    {
        var payload = new ProcessingPayload(JobKinds.ActivityAnalysis, ActivityId, ActivityId, Guid.NewGuid(), "completed", 1, null, null, null, ActivityStates.Published);
        var e = Event(EventTypes.ActivityProcessing, payload);
        var fields = EventFields.Of(e);
        Assert.Equal(JobKinds.ActivityAnalysis, fields.Kind);
        Assert.Equal(ActivityId, fields.SubjectId);
        Assert.Equal(ActivityStates.Published, fields.State);
        Assert.Equal(ActivityId, EventFields.ActivityOf(e));
    }

    [Fact]
    public void Missing_or_mistyped_fields_read_as_null()
    {
        var fields = EventFields.Of(Event(EventTypes.ResponseMarked, new { id = "not-a-guid", participant_id = "7", anonymous = "true" }));
        Assert.Null(fields.Id);
        Assert.Null(fields.ParticipantId);
        Assert.False(fields.Anonymous);
        Assert.Null(new EventFields(Json.ToElement(new[] { 1, 2 })).State);
    }
}

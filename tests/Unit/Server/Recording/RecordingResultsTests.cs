using System.Text.Json;
using Conflicto.Data.Activities;
using Conflicto.Data.Events;
using Conflicto.Data.Infrastructure;
using Conflicto.Data.Responses;
using Conflicto.Server.Recording;

namespace Conflicto.Tests.Unit.Server.Recording;

/// <summary>
/// The results a recording attaches to its events: rebuilt from the recorded responses, at most
/// one per activity per recorded second, and always the ones an activity closed with.
/// </summary>
public sealed class RecordingResultsTests
{
    private static readonly DateTime Start = new(2026, 12, 2, 12, 0, 0, DateTimeKind.Utc);
    private static readonly Guid PollId = Guid.NewGuid();
    private long _seq;

    [Fact]
    public void FirstResponse_ShowsAtOnce_LaterOnesWaitASecond_AndTheCloseShowsWhatWasHeldBack()
    {
        var results = new RecordingResults();
        Assert.Empty(results.Apply(Activity(EventTypes.ActivityCreated, ActivityStates.Active, 0)));

        var first = results.Apply(Response(100, option: 1));
        Assert.Equal(1, Assert.Single(first).ResponseCount);
        Assert.Empty(results.Apply(Response(400, option: 1)));
        Assert.Empty(results.Apply(Response(900, option: 0)));

        var closed = Assert.Single(results.Apply(Activity(EventTypes.ActivityStateChanged, ActivityStates.Expired, 1000)));
        Assert.Equal(3, closed.ResponseCount);
        Assert.Equal(_seq - 1, closed.AsOfSeq); // as of the last response, before the close
        var votes = JsonSerializer.SerializeToElement(closed.Results).GetProperty("options").EnumerateArray().Select(o => o.GetProperty("votes").GetInt32());
        Assert.Equal([1, 2], votes);
        Assert.Equal([PollId], results.Activities);
    }

    [Fact]
    public void HeldBackResults_ShowWithTheFirstEventASecondLater_WhateverItIs()
    {
        var results = new RecordingResults();
        results.Apply(Activity(EventTypes.ActivityCreated, ActivityStates.Active, 0));
        results.Apply(Response(0, option: 0));
        Assert.Empty(results.Apply(Response(200, option: 0)));
        Assert.Empty(results.Apply(Join(700)));

        var due = Assert.Single(results.Apply(Join(1300)));
        Assert.Equal(2, due.ResponseCount);
        Assert.Empty(results.Apply(Join(5000)));
    }

    [Fact]
    public void DeletedActivity_IsForgotten()
    {
        var results = new RecordingResults();
        results.Apply(Activity(EventTypes.ActivityCreated, ActivityStates.Active, 0));
        results.Apply(Response(0, option: 0));
        results.Apply(Response(100, option: 0));

        Assert.Empty(results.Apply(Event(EventTypes.ActivityDeleted, 2000, new { id = PollId, session_id = 1 })));
        Assert.Empty(results.Activities);
    }

    private SessionEvent Activity(string type, string state, int ms) => Event(type, ms, new ActivityRow
    {
        Id = PollId, SessionId = 1, ActivityType = "poll", Title = "Colours", State = state,
        Configuration = Json.ToElement(new { question = "Which?", options = new[] { "Red", "Blue" } }),
        ActivityMetadata = Json.EmptyObject, CreatedAt = Start, UpdatedAt = Start.AddMilliseconds(ms),
    });

    private SessionEvent Response(int ms, int option) => Event(EventTypes.ResponseAdded, ms, new ResponsePayload(
        Guid.NewGuid(), PollId, (int)_seq + 10, false, Json.ToElement(new { option_index = option }), "not_processed", Start.AddMilliseconds(ms), Start.AddMilliseconds(ms)));

    private SessionEvent Join(int ms) => Event(EventTypes.ParticipantJoined, ms, new { participant_id = 99, nickname = "Late" });

    private SessionEvent Event<T>(string type, int ms, T data) => new(1, ++_seq, type, Start.AddMilliseconds(ms), Json.ToElement(data));
}

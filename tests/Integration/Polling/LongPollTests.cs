using System.Net;
using Conflicto.Tests.Integration.Infrastructure;
using Conflicto.Tests.Integration.Realtime;

namespace Conflicto.Tests.Integration.Polling;

/// <summary>events?wait=: the request parks until an event after its seq exists, then answers with it.</summary>
[Collection(ApiCollection.Name)]
public sealed class LongPollTests(ConflictoApiFactory factory)
{
    private readonly Api _api = new(factory.CreateClient());

    [Fact]
    public async Task LongPoll_ChangeThroughRest_WakesWithTheNewEvent()
    {
        var session = await _api.CreateSessionAsync();
        var last = await _api.LastSeqAsync(session.Id);

        var pending = _api.SendAsync(HttpMethod.Get, $"/api/v1/sessions/{session.Id}/events?after={last}&wait=20", adminCode: session.AdminCode);
        await Task.Delay(200); // let the request reach its wait; the assertions below hold either way
        Assert.False(pending.IsCompleted, "the long-poll answered before any new event existed");
        var alice = await _api.JoinAsync(session, "Alice");

        var page = await Api.ReadAsync(await pending, HttpStatusCode.OK);
        var woke = Assert.Single(page["events"]!.AsArray())!;
        Assert.Equal(last + 1, woke["seq"]!.GetValue<long>());
        Assert.Equal("participant.joined", woke["type"]!.GetValue<string>());
        Assert.Equal(alice.Id, woke["data"]!["participant_id"]!.GetValue<int>());
        Assert.Equal(last + 1, page["last_seq"]!.GetValue<long>());
    }

    [Fact]
    public async Task LongPoll_ViewerWaitingOnHubChange_WakesWithTheRedactedEvent()
    {
        var session = await _api.CreateSessionAsync();
        var activity = await _api.CreateActivityAsync(session, "poll", new { question = "Q?", options = new[] { "A", "B" } });
        await using var host = await factory.JoinedAsync(session.Id, session.AdminCode);
        var last = host.LastSeq;

        var pending = _api.SendAsync(HttpMethod.Get, $"/api/v1/sessions/{session.Id}/events?after={last}&wait=20&join_code={session.JoinCode}");
        await Task.Delay(200);
        Assert.False(pending.IsCompleted, "the long-poll answered before any new event existed");
        var seq = (await host.InvokeAsync("TransitionActivity", activity, "published", false)).GetInt64();

        var page = await Api.ReadAsync(await pending, HttpStatusCode.OK);
        var woke = Assert.Single(page["events"]!.AsArray())!;
        Assert.Equal(seq, woke["seq"]!.GetValue<long>());
        Assert.Equal(last + 1, seq);
        Assert.Equal("published", woke["data"]!["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task LongPoll_EventsAlreadyThere_AnswersWithThemWithoutWaiting()
    {
        var session = await _api.CreateSessionAsync();
        await _api.JoinAsync(session, "Alice");

        var page = await _api.GetJsonAsync($"/api/v1/sessions/{session.Id}/events?after=1&wait=30", adminCode: session.AdminCode);

        Assert.Equal([2L], page["events"]!.AsArray().Select(e => e!["seq"]!.GetValue<long>()));
    }

    [Fact]
    public async Task LongPoll_NoChangeWithinWait_ReturnsAnEmptyPage()
    {
        var session = await _api.CreateSessionAsync();
        var last = await _api.LastSeqAsync(session.Id);

        var page = await _api.GetJsonAsync($"/api/v1/sessions/{session.Id}/events?after={last}&wait=1", adminCode: session.AdminCode);

        Assert.Empty(page["events"]!.AsArray());
        Assert.Equal(last, page["last_seq"]!.GetValue<long>());
        Assert.False(page["has_more"]!.GetValue<bool>());
    }

    [Fact]
    public async Task LongPoll_ChangeInAnotherSession_DoesNotWakeWithItsEvent()
    {
        var session = await _api.CreateSessionAsync();
        var other = await _api.CreateSessionAsync();
        var last = await _api.LastSeqAsync(session.Id);

        var pending = _api.SendAsync(HttpMethod.Get, $"/api/v1/sessions/{session.Id}/events?after={last}&wait=2", adminCode: session.AdminCode);
        await _api.JoinAsync(other, "Elsewhere");

        var page = await Api.ReadAsync(await pending, HttpStatusCode.OK);
        Assert.Empty(page["events"]!.AsArray());
        Assert.Equal(last, await _api.LastSeqAsync(session.Id));
    }
}

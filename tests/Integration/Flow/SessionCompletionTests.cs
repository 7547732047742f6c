using System.Net;
using Conflicto.Tests.Integration.Infrastructure;
using Conflicto.Tests.Integration.Realtime;
using Npgsql;

namespace Conflicto.Tests.Integration.Flow;

/// <summary>Completing a session closes its activities in the same transaction and refuses answers, over REST and over the hub.</summary>
[Collection(ApiCollection.Name)]
public sealed class SessionCompletionTests(ConflictoApiFactory factory)
{
    private static readonly object Poll = new { question = "Which?", options = new[] { "A", "B" } };

    private readonly Api _api = new(factory.CreateClient());

    [Fact]
    public async Task CompletingOverRest_ExpiresEveryOpenActivity_ThenRefusesAnswersAndReopening()
    {
        var (session, alice, first, second) = await TwoOpenActivitiesAsync();
        var before = await _api.LastSeqAsync(session.Id);

        await Api.ReadAsync(await _api.SendAsync(HttpMethod.Put, $"/api/v1/sessions/{session.Id}", new { status = "completed" }, adminCode: session.AdminCode), HttpStatusCode.OK);

        await AssertClosedAsync(session, before, first, second);
        await AssertRefusesAnswersAsync(session, alice, first, second);
    }

    [Fact]
    public async Task CompletingOverTheHub_ExpiresEveryOpenActivity_ThenRefusesAnswersAndReopening()
    {
        var (session, alice, first, second) = await TwoOpenActivitiesAsync();
        await using var host = await factory.JoinedAsync(session.Id, session.AdminCode);
        var before = await _api.LastSeqAsync(session.Id);

        var seq = (await host.InvokeAsync("SetSessionStatus", "completed")).GetInt64();

        Assert.Equal(before + 3, seq); // the session's event is the last of the three
        await AssertClosedAsync(session, before, first, second);
        await host.WaitForSeqAsync(seq);
        // The completion's own events; the session.summary that follows is appended by itself, a moment later.
        Assert.Equal(["activity.state_changed", "activity.state_changed", "session.status_changed"],
            host.Events.Where(e => e.GetProperty("seq").GetInt64() > before && e.GetProperty("seq").GetInt64() <= seq).Types());
        await AssertRefusesAnswersAsync(session, alice, first, second);
    }

    [Fact]
    public async Task ResponseWriter_CompletedSessionWithAnActivityLeftActive_RefusesAnswersAndStoresNothing()
    {
        var session = await _api.CreateSessionAsync();
        var alice = await _api.JoinAsync(session, "Alice");
        var poll = await _api.CreateActiveActivityAsync(session, "poll", Poll);
        await using var participant = await factory.JoinedAsync(session.Id, alice.Token);
        // A session completed behind the application's back, its activity still active: the writer still refuses.
        await using (var db = new NpgsqlConnection(factory.ConnectionString))
        {
            await db.OpenAsync();
            await using var command = new NpgsqlCommand("update sessions set status = 'completed' where id = @id", db);
            command.Parameters.AddWithValue("id", session.Id);
            Assert.Equal(1, await command.ExecuteNonQueryAsync());
        }
        Assert.Equal("active", await _api.StateAsync(poll));

        await Api.ProblemAsync(await _api.SubmitAsync(alice, poll, new { option_index = 0 }), HttpStatusCode.Conflict);
        await HubTesting.RefusedAsync(409, () => participant.InvokeAsync("SubmitResponse", poll, new { option_index = 1 }, "late"));

        Assert.Equal(0, (await _api.GetJsonAsync($"/api/v1/activities/{poll}"))["response_count"]!.GetValue<int>());
    }

    /// <summary>A session with a participant who answered, and two activities open at once (the host kept the first open).</summary>
    private async Task<(Api.Session Session, Api.Participant Alice, Guid First, Guid Second)> TwoOpenActivitiesAsync()
    {
        var session = await _api.CreateSessionAsync();
        await Api.ReadAsync(await _api.SendAsync(HttpMethod.Put, $"/api/v1/sessions/{session.Id}", new { status = "active" }, adminCode: session.AdminCode), HttpStatusCode.OK);
        var alice = await _api.JoinAsync(session, "Alice");
        var first = await _api.CreateActiveActivityAsync(session, "poll", Poll);
        var second = await _api.CreateActivityAsync(session, "poll", Poll);
        await _api.TransitionAsync(session, second, "published");
        await Api.ReadAsync(await _api.TransitionRawAsync(session, second, "active", keepOthersOpen: true), HttpStatusCode.OK);
        await Api.ReadAsync(await _api.SubmitAsync(alice, first, new { option_index = 0 }), HttpStatusCode.Created);
        return (session, alice, first, second);
    }

    private async Task AssertClosedAsync(Api.Session session, long before, Guid first, Guid second)
    {
        Assert.Equal(["expired", "expired"], [await _api.StateAsync(first), await _api.StateAsync(second)]);
        // The completion's own events; the session.summary appended a moment later is left out.
        var events = (await _api.EventsAfterAsync(session, before)).Where(e => e["type"]!.GetValue<string>() != "session.summary").ToList();
        Assert.Equal([before + 1, before + 2, before + 3], events.Select(e => e["seq"]!.GetValue<long>()));
        Assert.Equal([first.ToString(), second.ToString()], events.Take(2).Select(e => e["data"]!["id"]!.GetValue<string>()));
        Assert.All(events.Take(2), e => Assert.Equal("activity.state_changed", e["type"]!.GetValue<string>()));
        Assert.Equal("session.status_changed", events[2]["type"]!.GetValue<string>());
        Assert.Equal("completed", events[2]["data"]!["status"]!.GetValue<string>());
        await factory.AssertCurrentAsync(_api, session, null);
    }

    private async Task AssertRefusesAnswersAsync(Api.Session session, Api.Participant alice, Guid first, Guid second)
    {
        var counts = (await _api.GetJsonAsync($"/api/v1/activities/{first}"))["response_count"]!.GetValue<int>();
        await Api.ProblemAsync(await _api.SubmitAsync(alice, second, new { option_index = 1 }), HttpStatusCode.Conflict);
        await using (var participant = await factory.JoinedAsync(session.Id, alice.Token))
            await HubTesting.RefusedAsync(409, () => participant.InvokeAsync("SubmitResponse", second, new { option_index = 1 }, "after-the-end"));

        // Nor can the host open an activity of a completed session again, by any door.
        await Api.ProblemAsync(await _api.TransitionRawAsync(session, first, "active", force: true), HttpStatusCode.Conflict);
        await Api.ProblemAsync(await _api.PatchStatusAsync(session, second, "active"), HttpStatusCode.Conflict);
        await using (var host = await factory.JoinedAsync(session.Id, session.AdminCode))
            await HubTesting.RefusedAsync(409, () => host.InvokeAsync("TransitionActivity", first, "active", true));

        Assert.Equal(["expired", "expired"], [await _api.StateAsync(first), await _api.StateAsync(second)]);
        Assert.Equal(counts, (await _api.GetJsonAsync($"/api/v1/activities/{first}"))["response_count"]!.GetValue<int>());
        Assert.Equal(0, (await _api.GetJsonAsync($"/api/v1/activities/{second}"))["response_count"]!.GetValue<int>());
    }
}

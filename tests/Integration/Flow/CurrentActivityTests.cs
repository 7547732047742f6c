using System.Net;
using Conflicto.Tests.Integration.Infrastructure;
using Conflicto.Tests.Integration.Realtime;

namespace Conflicto.Tests.Integration.Flow;

/// <summary>One current activity: opening one closes the open ones, unless the host keeps them open; every view agrees.</summary>
[Collection(ApiCollection.Name)]
public sealed class CurrentActivityTests(ConflictoApiFactory factory)
{
    private static readonly object Poll = new { question = "Which?", options = new[] { "A", "B" } };

    private readonly Api _api = new(factory.CreateClient());

    [Fact]
    public async Task Transition_OpeningASecondActivity_ExpiresTheFirst_AndEveryViewFollows()
    {
        var session = await _api.CreateSessionAsync();
        await factory.AssertCurrentAsync(_api, session, null);
        var first = await _api.CreateActiveActivityAsync(session, "poll", Poll);
        await factory.AssertCurrentAsync(_api, session, first);
        var second = await _api.CreateActivityAsync(session, "poll", Poll);
        await _api.TransitionAsync(session, second, "published");
        var before = await _api.LastSeqAsync(session.Id);

        await _api.TransitionAsync(session, second, "active");

        Assert.Equal("expired", await _api.StateAsync(first));
        Assert.Equal("active", await _api.StateAsync(second));
        var events = await _api.EventsAfterAsync(session, before);
        // The closing comes first, with its own event, then the opening: one transaction, consecutive seqs.
        Assert.Equal([before + 1, before + 2], events.Select(e => e["seq"]!.GetValue<long>()));
        Assert.All(events, e => Assert.Equal("activity.state_changed", e["type"]!.GetValue<string>()));
        Assert.Equal((first.ToString(), "expired", "completed"), Of(events[0]));
        Assert.Equal((second.ToString(), "active", "active"), Of(events[1]));
        await factory.AssertCurrentAsync(_api, session, second);
    }

    [Fact]
    public async Task LegacyPatch_OpeningASecondActivity_ExpiresTheFirst()
    {
        var session = await _api.CreateSessionAsync();
        var first = await _api.CreateLegacyAsync(session);
        var second = await _api.CreateLegacyAsync(session);
        await Api.ReadAsync(await _api.PatchStatusAsync(session, first, "active"), HttpStatusCode.OK);
        await factory.AssertCurrentAsync(_api, session, first);

        var opened = await Api.ReadAsync(await _api.PatchStatusAsync(session, second, "active"), HttpStatusCode.OK);

        Assert.Equal("active", opened["status"]!.GetValue<string>());
        var closed = await _api.GetJsonAsync($"/api/v1/activities/{first}");
        Assert.Equal("completed", closed["status"]!.GetValue<string>());
        Assert.False(closed["is_active"]!.GetValue<bool>());
        await factory.AssertCurrentAsync(_api, session, second);
    }

    [Fact]
    public async Task CreateActive_And_PutActive_CloseTheOpenActivity()
    {
        var session = await _api.CreateSessionAsync();
        var first = await _api.CreateActiveActivityAsync(session, "poll", Poll);

        var created = await _api.CreateLegacyAsync(session, status: "active");
        Assert.Equal("expired", await _api.StateAsync(first));
        await factory.AssertCurrentAsync(_api, session, created);

        var edited = await _api.CreateLegacyAsync(session);
        await Api.ReadAsync(await _api.SendAsync(HttpMethod.Put, $"/api/v1/activities/{edited}", new { status = "active" }, adminCode: session.AdminCode), HttpStatusCode.OK);
        Assert.Equal("expired", await _api.StateAsync(created));
        await factory.AssertCurrentAsync(_api, session, edited);
    }

    [Fact]
    public async Task KeepOthersOpen_LeavesThemOpen_TheLastOpenedIsCurrent_AndAPlainOpeningClosesThemAll()
    {
        var session = await _api.CreateSessionAsync();
        var first = await _api.CreateActiveActivityAsync(session, "poll", Poll);
        var second = await _api.CreateActivityAsync(session, "poll", Poll);
        await _api.TransitionAsync(session, second, "published");

        await Api.ReadAsync(await _api.TransitionRawAsync(session, second, "active", keepOthersOpen: true), HttpStatusCode.OK);
        Assert.Equal("active", await _api.StateAsync(first));
        await factory.AssertCurrentAsync(_api, session, second);

        var third = await _api.CreateLegacyAsync(session);
        await Api.ReadAsync(await _api.PatchStatusAsync(session, third, "active", keepOthersOpen: true), HttpStatusCode.OK);
        Assert.Equal(["active", "active", "active"], [await _api.StateAsync(first), await _api.StateAsync(second), await _api.StateAsync(third)]);
        await factory.AssertCurrentAsync(_api, session, third);

        var fourth = await _api.CreateLegacyAsync(session);
        var before = await _api.LastSeqAsync(session.Id);
        await Api.ReadAsync(await _api.PatchStatusAsync(session, fourth, "active", keepOthersOpen: false), HttpStatusCode.OK);

        var events = await _api.EventsAfterAsync(session, before);
        // Each closed activity has its own event, oldest opened first, then the opening.
        Assert.Equal([first.ToString(), second.ToString(), third.ToString(), fourth.ToString()], events.Select(e => e["data"]!["id"]!.GetValue<string>()));
        Assert.Equal(["expired", "expired", "expired", "active"], events.Select(e => e["data"]!["state"]!.GetValue<string>()));
        await factory.AssertCurrentAsync(_api, session, fourth);
    }

    [Fact]
    public async Task Status_PolledBeforeAnOpening_IsNotServedStaleAfterIt()
    {
        var session = await _api.CreateSessionAsync();
        var first = await _api.CreateActiveActivityAsync(session, "poll", Poll);
        var second = await _api.CreateActivityAsync(session, "poll", Poll);
        await _api.TransitionAsync(session, second, "published");
        // Fill the polling cache with both answers the change affects.
        Assert.Equal(first.ToString(), (await _api.GetJsonAsync($"/api/v1/sessions/{session.Id}/status"))["current_activity_id"]!.GetValue<string>());
        Assert.Equal("active", await _api.StateAsync(first));

        await _api.TransitionAsync(session, second, "active");

        Assert.Equal(second.ToString(), (await _api.GetJsonAsync($"/api/v1/sessions/{session.Id}/status"))["current_activity_id"]!.GetValue<string>());
        Assert.Equal("expired", await _api.StateAsync(first));
    }

    [Fact]
    public async Task Transition_KeepOthersOpenThatIsNotABoolean_Is422AndChangesNothing()
    {
        var session = await _api.CreateSessionAsync();
        var first = await _api.CreateActiveActivityAsync(session, "poll", Poll);
        var second = await _api.CreateActivityAsync(session, "poll", Poll);
        await _api.TransitionAsync(session, second, "published");

        var response = await _api.SendAsync(HttpMethod.Post, $"/api/v1/activities/{second}/transition",
            new { target_state = "active", keep_others_open = "yes please" }, adminCode: session.AdminCode);

        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity, $"got {(int)response.StatusCode}");
        Assert.Equal("active", await _api.StateAsync(first));
        Assert.Equal("published", await _api.StateAsync(second));
    }

    [Fact]
    public async Task LegacyPatch_KeepOthersOpenThatIsNotABoolean_Is400AndChangesNothing()
    {
        var session = await _api.CreateSessionAsync();
        var first = await _api.CreateActiveActivityAsync(session, "poll", Poll);
        var second = await _api.CreateLegacyAsync(session);

        var response = await _api.SendAsync(HttpMethod.Patch, $"/api/v1/activities/{second}/status?status=active&keep_others_open=maybe", adminCode: session.AdminCode);

        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity, $"got {(int)response.StatusCode}");
        Assert.Equal("active", await _api.StateAsync(first));
        Assert.Equal("draft", await _api.StateAsync(second));
    }

    private static (string Id, string State, string Status) Of(System.Text.Json.Nodes.JsonNode e) =>
        (e["data"]!["id"]!.GetValue<string>(), e["data"]!["state"]!.GetValue<string>(), e["data"]!["status"]!.GetValue<string>());
}

using System.Net;
using Conflicto.Tests.Integration.Infrastructure;

namespace Conflicto.Tests.Integration.Realtime;

/// <summary>The MessagePack protocol carries the same snapshots, events and acks as JSON.</summary>
[Collection(ApiCollection.Name)]
public sealed class HubMessagePackTests(ConflictoApiFactory factory)
{
    private static readonly object PollConfig = new { question = "Best?", options = new[] { "A", "B" } };

    private readonly Api _api = new(factory.CreateClient());

    [Fact]
    public async Task MessagePackClient_JoinsReceivesEventsAndSubmits_LikeJsonClient()
    {
        var session = await _api.CreateSessionAsync();
        var alice = await _api.JoinAsync(session, "Alice");
        var poll = await _api.CreateActiveActivityAsync(session, "poll", PollConfig);
        await using var packed = await factory.JoinedAsync(session.Id, alice.Token, messagePack: true);
        await using var json = await factory.JoinedAsync(session.Id, alice.Token);

        var snapshot = packed.LastJoin!.Value.GetProperty("snapshot");
        Assert.Equal("participant", snapshot.GetProperty("role").GetString());
        Assert.Equal(alice.Id, snapshot.GetProperty("participantId").GetInt32());
        Assert.Equal(session.Id, snapshot.GetProperty("session").GetProperty("id").GetInt32());
        Assert.Equal(poll, Assert.Single(snapshot.GetProperty("activities").EnumerateArray()).GetProperty("id").GetGuid());
        var start = packed.LastSeq;

        var ack = await packed.InvokeAsync("SubmitResponse", poll, new Dictionary<string, object> { ["option_index"] = 1 }, "mp-1");
        var bob = await _api.JoinAsync(session, "Bob");
        await Api.ReadAsync(await _api.SubmitAsync(bob, poll, new { option_index = 0 }), HttpStatusCode.Created);

        Assert.Equal(start + 1, ack.GetProperty("seq").GetInt64());
        Assert.False(ack.GetProperty("replayed").GetBoolean());
        var stored = await _api.GetJsonAsync($"/api/v1/sessions/{session.Id}/activities/{poll}/responses/{alice.Id}", token: alice.Token);
        Assert.Equal(ack.GetProperty("responseId").GetGuid(), Guid.Parse(stored["id"]!.GetValue<string>()));
        Assert.Equal(1, stored["response_data"]!["option_index"]!.GetValue<int>());

        await packed.WaitForSeqAsync(start + 3);
        await json.WaitForSeqAsync(start + 3);
        Assert.Equal([start + 1, start + 2, start + 3], packed.Events.Seqs());
        Assert.Equal(json.Events.Types(), packed.Events.Types());
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(session.Id, packed.Events[i].GetProperty("sessionId").GetInt32());
            Assert.Equal(json.Events[i].GetProperty("at").GetDateTime(), packed.Events[i].GetProperty("at").GetDateTime());
            Assert.Equal(
                json.Events[i].Data().EnumerateObject().Select(p => p.Name).Order(),
                packed.Events[i].Data().EnumerateObject().Select(p => p.Name).Order());
        }
        // Redaction is the same too: Bob's answer reaches Alice without his id.
        Assert.Equal(System.Text.Json.JsonValueKind.Null, packed.Events[2].Data().GetProperty("participant_id").ValueKind);
        Assert.Equal(0, packed.Events[2].Data().GetProperty("response_data").GetProperty("option_index").GetInt32());
    }

    [Fact]
    public async Task MessagePackClient_RefusalsCarryTheStatus()
    {
        var session = await _api.CreateSessionAsync();
        var alice = await _api.JoinAsync(session, "Alice");
        var poll = await _api.CreateActiveActivityAsync(session, "poll", PollConfig);
        await using var packed = await factory.JoinedAsync(session.Id, alice.Token, messagePack: true);
        var before = await _api.LastSeqAsync(session.Id);

        await HubTesting.RefusedAsync(422, () => packed.InvokeAsync("SubmitResponse", poll, "not an object", "mp-bad"));
        await HubTesting.RefusedAsync(422, () => packed.InvokeAsync("SubmitResponse", poll, new Dictionary<string, object> { ["option_index"] = 7 }, "mp-range"));
        await HubTesting.RefusedAsync(422, () => packed.InvokeAsync("SubmitResponse", poll, new Dictionary<object, object> { [1] = "int key" }, "mp-key"));
        await HubTesting.RefusedAsync(404, () => packed.InvokeAsync("SubmitResponse", Guid.NewGuid(), new Dictionary<string, object> { ["option_index"] = 0 }, "mp-ghost"));

        Assert.Equal(before, await _api.LastSeqAsync(session.Id));
    }

    [Fact]
    public async Task MessagePackViewer_JoinsWithJoinCodeAndSeesDraftsRedacted()
    {
        var session = await _api.CreateSessionAsync();
        var draft = await _api.CreateActivityAsync(session, "poll", PollConfig, title: "Hidden");
        await using var viewer = await factory.JoinedAsync(session.Id, null, session.JoinCode, messagePack: true);

        var activity = Assert.Single(viewer.LastJoin!.Value.GetProperty("snapshot").GetProperty("activities").EnumerateArray());
        Assert.Equal(draft, activity.GetProperty("id").GetGuid());
        Assert.True(activity.GetProperty("redacted").GetBoolean());
        Assert.False(activity.TryGetProperty("title", out _));
    }
}

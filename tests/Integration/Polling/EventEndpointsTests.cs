using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Conflicto.Tests.Integration.Infrastructure;
using Conflicto.Tests.Integration.Realtime;

namespace Conflicto.Tests.Integration.Polling;

/// <summary>GET /sessions/{id}/events: the hub's event stream over plain HTTP, redacted the same way.</summary>
[Collection(ApiCollection.Name)]
public sealed class EventEndpointsTests(ConflictoApiFactory factory)
{
    private static readonly object PollConfig = new { question = "Best?", options = new[] { "A", "B" } };

    private readonly Api _api = new(factory.CreateClient());

    [Fact]
    public async Task ListEvents_AfterSeq_SameEventsAsTheHubDeliveredToEachRole()
    {
        var session = await _api.CreateSessionAsync();
        var alice = await _api.JoinAsync(session, "Alice");
        var bob = await _api.JoinAsync(session, "Bob");
        await using var host = await factory.JoinedAsync(session.Id, session.AdminCode);
        // REST follows the audience streams: a participant's log is what hub stream v2 gives it.
        await using var participant = await factory.JoinedAsync(session.Id, alice.Token, version: 2);
        await using var viewer = await factory.JoinedAsync(session.Id, null, session.JoinCode);
        var start = host.LastSeq;

        await _api.CreateActivityAsync(session, "poll", PollConfig, title: "Still a draft");
        var poll = await _api.CreateActiveActivityAsync(session, "poll", PollConfig);
        await Api.ReadAsync(await _api.SubmitAsync(alice, poll, new { option_index = 0 }), HttpStatusCode.Created);
        await Api.ReadAsync(await _api.SubmitAsync(bob, poll, new { option_index = 1 }), HttpStatusCode.Created);
        await _api.JoinAsync(session, "Carol");
        var last = start + 7;
        foreach (var client in new[] { host, viewer }) await client.WaitForSeqAsync(last);
        await participant.WaitForSeqAsync(start + 5); // its own answer; Bob's and Carol's are not in its stream

        AssertSame(host.Events, await EventsAsync(session.Id, start, adminCode: session.AdminCode));
        AssertSame(participant.Events, await EventsAsync(session.Id, start, token: alice.Token));
        AssertSame(viewer.Events, await EventsAsync(session.Id, start, joinCode: session.JoinCode));
    }

    [Fact]
    public async Task ListEvents_ViewerWithJoinCode_GetsDraftsRedactedAndAnonymousAuthorsHidden()
    {
        var session = await _api.CreateSessionAsync();
        var alice = await _api.JoinAsync(session, "Alice");
        var draft = await _api.CreateActivityAsync(session, "poll", PollConfig, title: "Secret");
        var anonymous = await _api.CreateActiveActivityAsync(session, "poll", new { question = "?", options = new[] { "A", "B" }, anonymous_voting = true });
        await Api.ReadAsync(await _api.SubmitAsync(alice, anonymous, new { option_index = 0 }), HttpStatusCode.Created);

        var page = await _api.GetJsonAsync($"/api/v1/sessions/{session.Id}/events?join_code={session.JoinCode.ToLowerInvariant()}");

        var events = page["events"]!.AsArray();
        var created = events.Single(e => e!["type"]!.GetValue<string>() == "activity.created" && e["data"]!["id"]!.GetValue<string>() == draft.ToString())!;
        Assert.True(created["data"]!["redacted"]!.GetValue<bool>());
        Assert.Null(created["data"]!["title"]);
        var response = events.Single(e => e!["type"]!.GetValue<string>() == "response.added")!;
        Assert.Null(response["data"]!["participant_id"]);
        // The author reading the same log sees themself.
        var own = await _api.GetJsonAsync($"/api/v1/sessions/{session.Id}/events", token: alice.Token);
        Assert.Equal(alice.Id, own["events"]!.AsArray().Single(e => e!["type"]!.GetValue<string>() == "response.added")!["data"]!["participant_id"]!.GetValue<int>());
    }

    [Fact]
    public async Task ListEvents_WithLimit_PagesThroughTheWholeLogWithHasMore()
    {
        var session = await _api.CreateSessionAsync();
        for (var i = 0; i < 9; i++) await _api.JoinAsync(session, $"P{i}");
        var total = await _api.LastSeqAsync(session.Id);
        Assert.Equal(10, total); // session.created + 9 joins

        var seqs = new List<long>();
        var after = 0L;
        var pages = 0;
        while (true)
        {
            var page = await _api.GetJsonAsync($"/api/v1/sessions/{session.Id}/events?after={after}&limit=4", adminCode: session.AdminCode);
            pages++;
            var events = page["events"]!.AsArray().Select(e => e!["seq"]!.GetValue<long>()).ToList();
            seqs.AddRange(events);
            after = page["last_seq"]!.GetValue<long>();
            Assert.Equal(events[^1], after);
            if (!page["has_more"]!.GetValue<bool>()) break;
            Assert.Equal(4, events.Count);
        }

        Assert.Equal(3, pages);
        Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i), seqs);
        var end = await _api.GetJsonAsync($"/api/v1/sessions/{session.Id}/events?after={after}", adminCode: session.AdminCode);
        Assert.Empty(end["events"]!.AsArray());
        Assert.Equal(after, end["last_seq"]!.GetValue<long>());
        Assert.False(end["has_more"]!.GetValue<bool>());
    }

    [Fact]
    public async Task ListEvents_WithoutCredentials_Unauthorized()
    {
        var session = await _api.CreateSessionAsync();

        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Get, $"/api/v1/sessions/{session.Id}/events"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task ListEvents_RevokedOrUnknownToken_Unauthorized_LikeEveryOtherRoute()
    {
        var session = await _api.CreateSessionAsync();
        var ada = await _api.JoinAsync(session, "Ada");
        var url = $"/api/v1/sessions/{session.Id}/events";
        await Api.ReadAsync(await _api.SendAsync(HttpMethod.Get, url, token: ada.Token), HttpStatusCode.OK);
        await Api.ReadAsync(await _api.SendAsync(HttpMethod.Delete, $"/api/v1/participants/{ada.Id}", token: ada.Token), HttpStatusCode.NoContent);

        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Get, url, token: ada.Token), HttpStatusCode.Unauthorized);
        // The heartbeat (AccessRules) answers the same revoked token the same way.
        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Post, $"/api/v1/participants/{ada.Id}/heartbeat", token: ada.Token), HttpStatusCode.Unauthorized);
        // A join code beside a revoked token does not turn it into a viewer: the bad credential is refused.
        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Get, $"{url}?join_code={session.JoinCode}", token: ada.Token), HttpStatusCode.Unauthorized);
        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Get, url, token: "not-a-token"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task ListEvents_WrongCredentials_Forbidden()
    {
        var session = await _api.CreateSessionAsync();
        var other = await _api.CreateSessionAsync();
        var stranger = await _api.JoinAsync(other, "Stranger");
        var url = $"/api/v1/sessions/{session.Id}/events";

        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Get, $"{url}?join_code={other.JoinCode}"), HttpStatusCode.Forbidden);
        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Get, $"{url}?join_code=nonsense"), HttpStatusCode.Forbidden);
        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Get, url, adminCode: other.AdminCode), HttpStatusCode.Forbidden);
        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Get, url, token: stranger.Token), HttpStatusCode.Forbidden);
        // A right join code does not make a wrong credential right.
        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Get, $"{url}?join_code={session.JoinCode}", token: stranger.Token), HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("after=-1")]
    [InlineData("wait=31")]
    [InlineData("wait=-1")]
    [InlineData("limit=0")]
    [InlineData("limit=1001")]
    [InlineData("after=abc")]
    public async Task ListEvents_OutOfRangeQuery_Unprocessable(string query)
    {
        var session = await _api.CreateSessionAsync();

        await Api.ProblemAsync(
            await _api.SendAsync(HttpMethod.Get, $"/api/v1/sessions/{session.Id}/events?{query}", adminCode: session.AdminCode),
            HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task ListEvents_UnknownSession_NotFound()
    {
        var session = await _api.CreateSessionAsync();

        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Get, $"/api/v1/sessions/{int.MaxValue}/events?join_code={session.JoinCode}"), HttpStatusCode.NotFound);
    }

    private async Task<JsonArray> EventsAsync(int sessionId, long after, string? adminCode = null, string? token = null, string? joinCode = null)
    {
        var url = $"/api/v1/sessions/{sessionId}/events?after={after}" + (joinCode is null ? "" : $"&join_code={joinCode}");
        var page = await _api.GetJsonAsync(url, adminCode: adminCode, token: token);
        Assert.Equal(sessionId, page["session_id"]!.GetValue<int>());
        return page["events"]!.AsArray();
    }

    private static void AssertSame(IReadOnlyList<JsonElement> fromHub, JsonArray fromRest)
    {
        Assert.Equal(fromHub.Count, fromRest.Count);
        for (var i = 0; i < fromHub.Count; i++)
        {
            var hub = fromHub[i];
            var rest = fromRest[i]!;
            Assert.Equal(hub.GetProperty("seq").GetInt64(), rest["seq"]!.GetValue<long>());
            Assert.Equal(hub.GetProperty("type").GetString(), rest["type"]!.GetValue<string>());
            Assert.Equal(hub.GetProperty("at").GetDateTime(), rest["at"]!.GetValue<DateTime>());
            Assert.Equal(hub.GetProperty("prevSeq").GetInt64(), rest["prev_seq"]!.GetValue<long>());
            // Stream v2 leaves the heavy documents out of a state change; what it carries is the same.
            foreach (var field in hub.Data().EnumerateObject())
                Assert.True(JsonNode.DeepEquals(JsonNode.Parse(field.Value.GetRawText()), rest["data"]![field.Name]),
                    $"seq {rest["seq"]}, {field.Name}: hub {field.Value.GetRawText()} vs REST {rest["data"]![field.Name]?.ToJsonString()}");
            if (hub.GetProperty("type").GetString() != "activity.state_changed")
                Assert.Equal(rest["data"]!.AsObject().Count, hub.Data().EnumerateObject().Count());
        }
    }
}

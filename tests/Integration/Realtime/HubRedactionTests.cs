using System.Net;
using System.Text.Json;
using Conflicto.Tests.Integration.Infrastructure;

namespace Conflicto.Tests.Integration.Realtime;

/// <summary>What each role sees of the same events: drafts, who answered, anonymous activities.</summary>
[Collection(ApiCollection.Name)]
public sealed class HubRedactionTests(ConflictoApiFactory factory)
{
    private static readonly object PollConfig = new { question = "Secret answer?", options = new[] { "A", "B" } };
    private static readonly object AnonymousPollConfig = new { question = "Who knows?", options = new[] { "A", "B" }, anonymous_voting = true };

    private readonly Api _api = new(factory.CreateClient());

    [Fact]
    public async Task ActivityEvents_DraftActivity_RedactedForParticipantAndViewerButFullForHost()
    {
        var session = await _api.CreateSessionAsync();
        var alice = await _api.JoinAsync(session, "Alice");
        await using var host = await factory.JoinedAsync(session.Id, session.AdminCode);
        await using var participant = await factory.JoinedAsync(session.Id, alice.Token);
        await using var viewer = await factory.JoinedAsync(session.Id, null, session.JoinCode);
        var start = host.LastSeq;

        var activity = await _api.CreateActivityAsync(session, "poll", PollConfig, title: "Hidden quiz");
        await _api.TransitionAsync(session, activity, "published");
        foreach (var client in new[] { host, participant, viewer }) await client.WaitForSeqAsync(start + 2);

        var created = host.Events.Single(e => e.GetProperty("seq").GetInt64() == start + 1);
        Assert.Equal("activity.created", created.GetProperty("type").GetString());
        Assert.Equal("Hidden quiz", created.Data().GetProperty("title").GetString());
        Assert.Equal("Secret answer?", created.Data().GetProperty("configuration").GetProperty("question").GetString());
        foreach (var client in new[] { participant, viewer })
        {
            var seen = client.Events.Single(e => e.GetProperty("seq").GetInt64() == start + 1);
            Assert.Equal("activity.created", seen.GetProperty("type").GetString());
            AssertDraftStub(seen.Data(), activity, session.Id);
            // Once published, everyone sees the whole activity.
            var published = client.Events.Single(e => e.GetProperty("seq").GetInt64() == start + 2);
            Assert.Equal("published", published.Data().GetProperty("state").GetString());
            Assert.Equal("Hidden quiz", published.Data().GetProperty("title").GetString());
        }
    }

    [Fact]
    public async Task JoinSessionSnapshot_DraftActivity_RedactedForParticipantAndViewerButFullForHost()
    {
        var session = await _api.CreateSessionAsync();
        var alice = await _api.JoinAsync(session, "Alice");
        var draft = await _api.CreateActivityAsync(session, "poll", PollConfig, title: "Hidden quiz");
        var open = await _api.CreateActiveActivityAsync(session, "poll", PollConfig, title: "Open poll");

        await using var host = await factory.JoinedAsync(session.Id, session.AdminCode);
        await using var participant = await factory.JoinedAsync(session.Id, alice.Token);
        await using var viewer = await factory.JoinedAsync(session.Id, null, session.JoinCode);

        var hostDraft = Activity(host, draft);
        Assert.Equal("Hidden quiz", hostDraft.GetProperty("title").GetString());
        Assert.Equal("draft", hostDraft.GetProperty("state").GetString());
        foreach (var client in new[] { participant, viewer })
        {
            AssertDraftStub(Activity(client, draft), draft, session.Id);
            Assert.Equal("Open poll", Activity(client, open).GetProperty("title").GetString());
        }
    }

    [Fact]
    public async Task ResponseEvents_NonAnonymous_ParticipantsSeeOthersWithoutParticipantId()
    {
        var session = await _api.CreateSessionAsync();
        var alice = await _api.JoinAsync(session, "Alice");
        var bob = await _api.JoinAsync(session, "Bob");
        var poll = await _api.CreateActiveActivityAsync(session, "poll", PollConfig);
        await using var host = await factory.JoinedAsync(session.Id, session.AdminCode);
        await using var aliceClient = await factory.JoinedAsync(session.Id, alice.Token);
        await using var bobClient = await factory.JoinedAsync(session.Id, bob.Token);
        var start = host.LastSeq;

        await Api.ReadAsync(await _api.SubmitAsync(alice, poll, new { option_index = 0 }), HttpStatusCode.Created);
        await Api.ReadAsync(await _api.SubmitAsync(bob, poll, new { option_index = 1 }), HttpStatusCode.Created);
        foreach (var client in new[] { host, aliceClient, bobClient }) await client.WaitForSeqAsync(start + 2);

        Assert.Equal([alice.Id, bob.Id], ResponseAuthors(host));
        Assert.Equal([alice.Id, null], ResponseAuthors(aliceClient));
        Assert.Equal([null, bob.Id], ResponseAuthors(bobClient));
        // Only the author is hidden: the answer itself is visible to all.
        Assert.Equal(1, bobClient.Events.Last().Data().GetProperty("response_data").GetProperty("option_index").GetInt32());
        Assert.Equal(0, bobClient.Events[^2].Data().GetProperty("response_data").GetProperty("option_index").GetInt32());
    }

    [Fact]
    public async Task ResponseEvents_AnonymousPoll_NobodyButTheAuthorSeesParticipantId()
    {
        var session = await _api.CreateSessionAsync();
        var alice = await _api.JoinAsync(session, "Alice");
        var bob = await _api.JoinAsync(session, "Bob");
        var poll = await _api.CreateActiveActivityAsync(session, "poll", AnonymousPollConfig);
        await using var host = await factory.JoinedAsync(session.Id, session.AdminCode);
        await using var aliceClient = await factory.JoinedAsync(session.Id, alice.Token);
        await using var bobClient = await factory.JoinedAsync(session.Id, bob.Token);
        await using var viewer = await factory.JoinedAsync(session.Id, null, session.JoinCode);
        var start = host.LastSeq;

        await Api.ReadAsync(await _api.SubmitAsync(alice, poll, new { option_index = 0 }), HttpStatusCode.Created);
        await Api.ReadAsync(await _api.SubmitAsync(bob, poll, new { option_index = 1 }), HttpStatusCode.Created);
        foreach (var client in new[] { host, aliceClient, bobClient, viewer }) await client.WaitForSeqAsync(start + 2);

        Assert.Equal([null, null], ResponseAuthors(host));
        Assert.Equal([null, null], ResponseAuthors(viewer));
        Assert.Equal([alice.Id, null], ResponseAuthors(aliceClient));
        Assert.Equal([null, bob.Id], ResponseAuthors(bobClient));
    }

    [Fact]
    public async Task JoinSessionReplay_AnonymousPoll_RedactsReplayedEventsLikeLiveOnes()
    {
        var session = await _api.CreateSessionAsync();
        var alice = await _api.JoinAsync(session, "Alice");
        var bob = await _api.JoinAsync(session, "Bob");
        var poll = await _api.CreateActiveActivityAsync(session, "poll", AnonymousPollConfig);
        var before = await _api.LastSeqAsync(session.Id);
        await Api.ReadAsync(await _api.SubmitAsync(alice, poll, new { option_index = 0 }), HttpStatusCode.Created);
        await Api.ReadAsync(await _api.SubmitAsync(bob, poll, new { option_index = 1 }), HttpStatusCode.Created);

        async Task<IReadOnlyList<int?>> ReplayedAuthors(string? token, string? joinCode = null)
        {
            await using var client = factory.HubClient(token);
            await client.StartAsync();
            var joined = await client.JoinAsync(session.Id, afterSeq: before, joinCode: joinCode);
            Assert.True(joined.GetProperty("recovered").GetBoolean());
            return ResponseAuthors(joined.GetProperty("events").EnumerateArray());
        }

        Assert.Equal([null, null], await ReplayedAuthors(session.AdminCode));
        Assert.Equal([null, null], await ReplayedAuthors(null, session.JoinCode));
        Assert.Equal([alice.Id, null], await ReplayedAuthors(alice.Token));
        Assert.Equal([null, bob.Id], await ReplayedAuthors(bob.Token));
    }

    private static void AssertDraftStub(JsonElement data, Guid activityId, int sessionId)
    {
        Assert.Equal(["id", "redacted", "session_id", "state"], data.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal(activityId, data.GetProperty("id").GetGuid());
        Assert.Equal(sessionId, data.GetProperty("session_id").GetInt32());
        Assert.Equal("draft", data.GetProperty("state").GetString());
        Assert.True(data.GetProperty("redacted").GetBoolean());
    }

    [Fact]
    public async Task JoinSessionSnapshot_ParticipantSeesOnlyItself_HostAndViewerSeeEveryone()
    {
        var session = await _api.CreateSessionAsync();
        var alice = await _api.JoinAsync(session, "Alice");
        await _api.JoinAsync(session, "Bob");
        await _api.JoinAsync(session, "Carol");

        await using var host = await factory.JoinedAsync(session.Id, session.AdminCode);
        await using var participant = await factory.JoinedAsync(session.Id, alice.Token);
        await using var viewer = await factory.JoinedAsync(session.Id, null, session.JoinCode);

        Assert.Equal(["Alice"], Nicknames(participant));
        Assert.Equal(["Alice", "Bob", "Carol"], Nicknames(host));
        Assert.Equal(["Alice", "Bob", "Carol"], Nicknames(viewer));
        // The count is still the session's, for everyone.
        Assert.Equal(3, participant.LastJoin!.Value.GetProperty("snapshot").GetProperty("participantCount").GetInt32());
    }

    private static IReadOnlyList<string?> Nicknames(SessionHubClient client) =>
        client.LastJoin!.Value.GetProperty("snapshot").GetProperty("participants").EnumerateArray()
            .Select(p => p.GetProperty("nickname").GetString()).Order().ToList();

    private static JsonElement Activity(SessionHubClient client, Guid id) =>
        client.LastJoin!.Value.GetProperty("snapshot").GetProperty("activities").EnumerateArray().Single(a => a.GetProperty("id").GetGuid() == id);

    private static IReadOnlyList<int?> ResponseAuthors(SessionHubClient client) => ResponseAuthors(client.Events);

    private static IReadOnlyList<int?> ResponseAuthors(IEnumerable<JsonElement> events) => events
        .Where(e => e.GetProperty("type").GetString() == "response.added")
        .Select(e => e.Data().GetProperty("participant_id") is { ValueKind: JsonValueKind.Number } id ? id.GetInt32() : (int?)null)
        .ToList();
}

using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Conflicto.Tests.Integration.Infrastructure;
using Conflicto.Tests.Integration.Trust;
using Microsoft.AspNetCore.SignalR.Client;

namespace Conflicto.Tests.Integration.Realtime;

/// <summary>Hub stream v2: each role's audience stream, in Events batches chained by prevSeq; v1 unchanged.</summary>
[Collection(ApiCollection.Name)]
public sealed class AudienceStreamTests(ConflictoApiFactory factory)
{
    private const int V2 = 2;
    private static readonly object PollConfig = new { question = "Best?", options = new[] { "A", "B", "C", "D" } };

    private readonly Api _api = new(factory.CreateClient());

    [Fact]
    public async Task V2Participant_GetsNoOtherParticipantsJoinsOrResponses_ButResultsPresenceAndItsOwn()
    {
        var session = await _api.CreateSessionAsync();
        var alice = await _api.JoinAsync(session, "Alice");
        var bob = await _api.JoinAsync(session, "Bob");
        var poll = await _api.CreateActiveActivityAsync(session, "poll", PollConfig);
        await using var host = await factory.JoinedAsync(session.Id, session.AdminCode, version: V2);
        await using var aliceClient = await factory.JoinedAsync(session.Id, alice.Token, version: V2);
        var results = aliceClient.CollectResults();
        var presence = new ConcurrentQueue<JsonElement>();
        aliceClient.Connection.On<object>("Presence", p => presence.Enqueue(SessionHubClient.ToJson(p)));
        var start = aliceClient.LastSeq;

        await _api.JoinAsync(session, "Carol");
        var own = await Api.ReadAsync(await _api.SubmitAsync(alice, poll, new { option_index = 0 }), HttpStatusCode.Created);
        await Api.ReadAsync(await _api.SubmitAsync(bob, poll, new { option_index = 1 }), HttpStatusCode.Created);
        await host.WaitForSeqAsync(start + 3);
        await results.WaitForResultsAsync(poll, r => r.GetProperty("responseCount").GetInt32() == 2);
        await Eventually(() => !presence.IsEmpty, "a Presence message");

        Assert.Equal(["participant.joined", "response.added", "response.added"], host.Events.Where(e => e.GetProperty("seq").GetInt64() > start).Types());
        var seen = aliceClient.Events.Where(e => e.GetProperty("seq").GetInt64() > start).ToList();
        Assert.Equal(["response.added"], seen.Types());
        Assert.Equal(own["id"]!.GetValue<string>(), seen[0].Data().GetProperty("id").GetString());
        Assert.Equal(alice.Id, seen[0].Data().GetProperty("participant_id").GetInt32());
        Assert.Equal(start, seen[0].GetProperty("prevSeq").GetInt64()); // Carol's join is not in Alice's stream
        Assert.Equal(0, aliceClient.Gaps);
        Assert.DoesNotContain(aliceClient.Events, e => e.GetProperty("type").GetString() == "participant.joined");
    }

    [Fact]
    public async Task V2HostAndViewer_GetEveryEvent_TheEventsOfOneCommitInOneMessage()
    {
        var session = await _api.CreateSessionAsync();
        var first = await _api.CreateActiveActivityAsync(session, "poll", PollConfig, title: "First");
        var second = await _api.CreateActiveActivityAsync(session, "poll", PollConfig, title: "Second", keepOthersOpen: true);
        await using var host = await factory.JoinedAsync(session.Id, session.AdminCode, version: V2);
        await using var viewer = await factory.JoinedAsync(session.Id, null, session.JoinCode, version: V2);
        await using var v1 = await factory.JoinedAsync(session.Id, session.AdminCode);
        var start = host.LastSeq;

        // Completing the session expires both open activities: three events, one commit.
        var last = (await host.InvokeAsync("SetSessionStatus", "completed")).GetInt64();
        foreach (var client in new[] { host, viewer, v1 }) await client.WaitForSeqAsync(last);

        Assert.Equal(start + 3, last);
        foreach (var client in new[] { host, viewer })
        {
            Assert.Equal(["activity.state_changed", "activity.state_changed", "session.status_changed"], client.Events.Where(e => e.GetProperty("seq").GetInt64() > start).Types());
            Assert.Equal([3], client.Messages);
            Assert.Equal([start, start + 1, start + 2], client.Events.Where(e => e.GetProperty("seq").GetInt64() > start).Select(e => e.GetProperty("prevSeq").GetInt64()));
        }
        Assert.Equal([1, 1, 1], v1.Messages); // v1: one Event per event
        var expired = host.Events.Where(e => e.GetProperty("type").GetString() == "activity.state_changed").Select(e => e.Data()).ToList();
        Assert.Equal([first, second], expired.Select(d => d.GetProperty("id").GetGuid()).Order());
        Assert.All(expired, d => Assert.Equal("active", d.GetProperty("previous_state").GetString()));
        Assert.All(expired, d => Assert.False(d.TryGetProperty("configuration", out _))); // slim in v2
        Assert.All(v1.Events.Where(e => e.GetProperty("type").GetString() == "activity.state_changed"),
            e => Assert.True(e.Data().TryGetProperty("configuration", out _))); // whole in v1
    }

    [Fact]
    public async Task V2Participant_ThatMissesAMessage_SeesTheGapAndResumesWithExactlyItsStream()
    {
        var session = await _api.CreateSessionAsync();
        var alice = await _api.JoinAsync(session, "Alice");
        await using var host = await factory.JoinedAsync(session.Id, session.AdminCode, version: V2);
        await using var aliceClient = await factory.JoinedAsync(session.Id, alice.Token, version: V2);
        var start = aliceClient.LastSeq;

        aliceClient.DropNextMessages(1);
        var lost = await _api.CreateActivityAsync(session, "poll", PollConfig, title: "Lost");
        await aliceClient.WaitForMessagesAsync(1);
        await _api.JoinAsync(session, "Bob"); // not in Alice's stream
        await _api.TransitionAsync(session, lost, "published");
        var last = await _api.LastSeqAsync(session.Id);
        await aliceClient.WaitForSeqAsync(last);
        await aliceClient.Resuming;

        Assert.Equal(1, aliceClient.Gaps);
        var log = await _api.EventLogAsync(session.Id, start, token: alice.Token);
        var applied = aliceClient.Events.Where(e => e.GetProperty("seq").GetInt64() > start).ToList();
        Assert.Equal(log.Seqs(), applied.Seqs());
        Assert.Equal(log.Types(), applied.Types());
        Assert.Equal(["activity.created", "activity.state_changed"], applied.Types());
        Assert.Equal(log.Select(e => e.GetProperty("prev_seq").GetInt64()), applied.Select(e => e.GetProperty("prevSeq").GetInt64()));
    }

    [Fact]
    public async Task V1_EventsCarryPrevSeqOfTheWholeLog_AndAParticipantStillGetsEveryEvent()
    {
        var session = await _api.CreateSessionAsync();
        var alice = await _api.JoinAsync(session, "Alice");
        await using var aliceClient = await factory.JoinedAsync(session.Id, alice.Token);
        var start = aliceClient.LastSeq;

        await _api.JoinAsync(session, "Bob");
        await _api.CreateActivityAsync(session, "poll", PollConfig);
        await aliceClient.WaitForSeqAsync(start + 2);

        Assert.Equal(["participant.joined", "activity.created"], aliceClient.Events.Types());
        Assert.Equal([start, start + 1], aliceClient.Events.Select(e => e.GetProperty("prevSeq").GetInt64()));
        Assert.Equal([1, 1], aliceClient.Messages);
    }

    [Fact]
    public async Task V2OverMessagePack_EventsBatchesCarryPrevSeq()
    {
        var session = await _api.CreateSessionAsync();
        var alice = await _api.JoinAsync(session, "Alice");
        await using var host = await factory.JoinedAsync(session.Id, session.AdminCode, messagePack: true, version: V2);
        await using var aliceClient = await factory.JoinedAsync(session.Id, alice.Token, messagePack: true, version: V2);
        var start = host.LastSeq;

        await _api.JoinAsync(session, "Bob");
        await _api.CreateActivityAsync(session, "poll", PollConfig);
        await host.WaitForSeqAsync(start + 2);
        await aliceClient.WaitForSeqAsync(start + 2);

        Assert.Equal([start, start + 1], host.Events.Select(e => e.GetProperty("prevSeq").GetInt64()));
        var created = Assert.Single(aliceClient.Events);
        Assert.Equal(start, created.GetProperty("prevSeq").GetInt64());
        Assert.True(created.Data().GetProperty("redacted").GetBoolean()); // a draft: a stub for her
        Assert.Equal(0, aliceClient.Gaps);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public async Task JoinSession_UnknownVersion_Refused400(int version)
    {
        var session = await _api.CreateSessionAsync();
        await using var host = factory.HubClient(session.AdminCode, version: version);
        await host.StartAsync();

        var refusal = await HubTesting.RefusedAsync(400, () => host.JoinAsync(session.Id));
        Assert.Contains("version", refusal.Message);
    }

    [Fact]
    public async Task ListEvents_Participant_SeesItsStream_AndItsCursorPassesEventsItDoesNotSee()
    {
        var session = await _api.CreateSessionAsync();
        var alice = await _api.JoinAsync(session, "Alice");
        var start = await _api.LastSeqAsync(session.Id);
        await _api.JoinAsync(session, "Bob");
        await _api.JoinAsync(session, "Carol");

        var page = await _api.GetJsonAsync($"/api/v1/sessions/{session.Id}/events?after={start}", token: alice.Token);
        Assert.Empty(page["events"]!.AsArray());
        Assert.Equal(start + 2, page["last_seq"]!.GetValue<long>());

        await _api.CreateActivityAsync(session, "poll", PollConfig);
        var next = await _api.GetJsonAsync($"/api/v1/sessions/{session.Id}/events?after={start}", token: alice.Token);
        var only = Assert.Single(next["events"]!.AsArray())!;
        Assert.Equal("activity.created", only["type"]!.GetValue<string>());
        Assert.Equal(start, only["prev_seq"]!.GetValue<long>());
        var hostPage = await _api.GetJsonAsync($"/api/v1/sessions/{session.Id}/events?after={start}", adminCode: session.AdminCode);
        Assert.Equal([start, start + 1, start + 2], hostPage["events"]!.AsArray().Select(e => e!["prev_seq"]!.GetValue<long>()));
    }

    private static async Task Eventually(Func<bool> done, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!done())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Timed out waiting for {what}.");
            await Task.Delay(20);
        }
    }
}

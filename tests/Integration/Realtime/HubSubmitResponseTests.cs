using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Conflicto.Tests.Integration.Infrastructure;

namespace Conflicto.Tests.Integration.Realtime;

/// <summary>SubmitResponse: acknowledged after commit, idempotent, and refused without side effects when invalid.</summary>
[Collection(ApiCollection.Name)]
public sealed class HubSubmitResponseTests(ConflictoApiFactory factory) : IAsyncLifetime
{
    private static readonly object PollConfig = new { question = "Best?", options = new[] { "A", "B", "C" } };
    private static readonly object WordCloudConfig = new { prompt = "One word", max_words_per_participant = 3 };

    private readonly Api _api = new(factory.CreateClient());
    private readonly List<SessionHubClient> _clients = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var client in _clients) await client.DisposeAsync();
    }

    [Fact]
    public async Task SubmitResponse_Acked_ResponseIsStoredAndAckSeqIsItsEventsSeq()
    {
        var (session, alice, participant) = await JoinedParticipantAsync();
        var poll = await _api.CreateActiveActivityAsync(session, "poll", PollConfig);
        await using var host = await factory.JoinedAsync(session.Id, session.AdminCode);

        var ack = await participant.InvokeAsync("SubmitResponse", poll, new { option_index = 2 }, "vote-1");

        var responseId = ack.GetProperty("responseId").GetGuid();
        Assert.False(ack.GetProperty("replayed").GetBoolean());
        // Durable by the time the ack arrives: REST sees it with no waiting.
        var stored = await _api.GetJsonAsync($"/api/v1/sessions/{session.Id}/activities/{poll}/responses/{alice.Id}", token: alice.Token);
        Assert.Equal(responseId, Guid.Parse(stored["id"]!.GetValue<string>()));
        Assert.Equal(2, stored["response_data"]!["option_index"]!.GetValue<int>());

        var seq = ack.GetProperty("seq").GetInt64();
        Assert.Equal(seq, await _api.LastSeqAsync(session.Id));
        await host.WaitForSeqAsync(seq);
        var added = host.Events.Single(e => e.GetProperty("seq").GetInt64() == seq);
        Assert.Equal("response.added", added.GetProperty("type").GetString());
        Assert.Equal(responseId, added.Data().GetProperty("id").GetGuid());
        Assert.Equal(alice.Id, added.Data().GetProperty("participant_id").GetInt32());
    }

    [Fact]
    public async Task SubmitResponse_SameIdempotencyKeyTwice_ReturnsTheFirstAckAndStoresOneRow()
    {
        var (session, alice, participant) = await JoinedParticipantAsync();
        // Word clouds take many responses per participant: only the key can stop a duplicate.
        var cloud = await _api.CreateActiveActivityAsync(session, "word_cloud", WordCloudConfig);

        var first = await participant.InvokeAsync("SubmitResponse", cloud, new { word = "retry" }, "same-key");
        var seqAfterFirst = await _api.LastSeqAsync(session.Id);
        var second = await participant.InvokeAsync("SubmitResponse", cloud, new { word = "retry" }, "same-key");

        Assert.Equal(first.GetProperty("responseId").GetGuid(), second.GetProperty("responseId").GetGuid());
        Assert.Equal(first.GetProperty("seq").GetInt64(), second.GetProperty("seq").GetInt64());
        Assert.False(first.GetProperty("replayed").GetBoolean());
        Assert.True(second.GetProperty("replayed").GetBoolean());
        Assert.Equal(seqAfterFirst, await _api.LastSeqAsync(session.Id));
        var list = await _api.GetJsonAsync($"/api/v1/sessions/{session.Id}/activities/{cloud}/responses", adminCode: session.AdminCode);
        Assert.Equal(1, list["summary"]!["total_responses"]!.GetValue<int>());

        // Even after the response was edited, a late retry gets the first ack back, seq included.
        await Api.ReadAsync(await _api.SendAsync(HttpMethod.Put, $"/api/v1/responses/{first.GetProperty("responseId").GetGuid()}",
            new { response_data = new { word = "edited" } }, token: alice.Token), HttpStatusCode.OK);
        var late = await participant.InvokeAsync("SubmitResponse", cloud, new { word = "retry" }, "same-key");
        Assert.Equal(first.GetProperty("seq").GetInt64(), late.GetProperty("seq").GetInt64());
        Assert.True(late.GetProperty("replayed").GetBoolean());

        // The same key over REST is the same submission too.
        var rest = await Api.ReadAsync(await _api.SubmitAsync(alice, cloud, new { word = "retry" }, "same-key"), HttpStatusCode.OK);
        Assert.Equal(first.GetProperty("responseId").GetGuid(), Guid.Parse(rest["id"]!.GetValue<string>()));
    }

    [Fact]
    public async Task SubmitResponse_OversizedResponseData_Refused413AndChangesNothing()
    {
        var (session, _, participant) = await JoinedParticipantAsync();
        var custom = await _api.CreateActiveActivityAsync(session, "custom_board", new { anything = true });

        await AssertRefusedWithoutChangeAsync(session, 413, () =>
            participant.InvokeAsync("SubmitResponse", custom, new { note = new string('x', 17 * 1024) }, "big"));
    }

    public static TheoryData<string> MalformedPollData => new()
    {
        "\"just a string\"", "42", "null", "[0, 1]", "{}", "{\"option_index\": 3}", "{\"option_index\": -1}",
        "{\"option_index\": \"one\"}", "{\"option\": \"Z\"}", "{\"option_indices\": [0, 1]}",
    };

    [Theory]
    [MemberData(nameof(MalformedPollData))]
    public async Task SubmitResponse_MalformedOrWrongTypes_Refused422AndChangesNothing(string responseData)
    {
        var (session, _, participant) = await JoinedParticipantAsync();
        var poll = await _api.CreateActiveActivityAsync(session, "poll", PollConfig);

        await AssertRefusedWithoutChangeAsync(session, 422, () =>
            participant.InvokeAsync("SubmitResponse", poll, JsonDocument.Parse(responseData).RootElement, "bad"));
    }

    [Fact]
    public async Task SubmitResponse_NestedDeeperThanTheRestLimit_Refused422LikeRest()
    {
        var (session, alice, participant) = await JoinedParticipantAsync();
        var custom = await _api.CreateActiveActivityAsync(session, "custom_board", new { anything = true });
        JsonNode deep = new JsonObject { ["leaf"] = 1 };
        for (var i = 0; i < 40; i++) deep = new JsonObject { ["a"] = deep };

        await Api.ProblemAsync(await _api.SubmitAsync(alice, custom, deep), HttpStatusCode.UnprocessableEntity);
        await AssertRefusedWithoutChangeAsync(session, 422, () =>
            participant.InvokeAsync("SubmitResponse", custom, JsonSerializer.SerializeToElement(deep), "deep"));

        JsonNode nested = new JsonObject { ["leaf"] = 1 };
        for (var i = 0; i < 20; i++) nested = new JsonObject { ["a"] = nested };
        var ack = await participant.InvokeAsync("SubmitResponse", custom, JsonSerializer.SerializeToElement(nested), "nested");
        Assert.Equal(await _api.LastSeqAsync(session.Id), ack.GetProperty("seq").GetInt64());
    }

    [Fact]
    public async Task SubmitResponse_IdempotencyKeyTooLong_Refused422AndChangesNothing()
    {
        var (session, _, participant) = await JoinedParticipantAsync();
        var cloud = await _api.CreateActiveActivityAsync(session, "word_cloud", WordCloudConfig);

        await AssertRefusedWithoutChangeAsync(session, 422, () =>
            participant.InvokeAsync("SubmitResponse", cloud, new { word = "long" }, new string('k', 101)));
    }

    [Fact]
    public async Task SubmitResponse_UnknownActivity_Refused404AndChangesNothing()
    {
        var (session, _, participant) = await JoinedParticipantAsync();

        await AssertRefusedWithoutChangeAsync(session, 404, () =>
            participant.InvokeAsync("SubmitResponse", Guid.NewGuid(), new { option_index = 0 }, "ghost"));
    }

    [Theory]
    [InlineData("draft")]
    [InlineData("published")]
    [InlineData("expired")]
    public async Task SubmitResponse_ActivityNotActive_Refused409AndChangesNothing(string state)
    {
        var (session, _, participant) = await JoinedParticipantAsync();
        var poll = await _api.CreateActivityAsync(session, "poll", PollConfig);
        if (state != "draft") await _api.TransitionAsync(session, poll, "published");
        if (state == "expired")
        {
            await _api.TransitionAsync(session, poll, "active");
            await _api.TransitionAsync(session, poll, "expired");
        }

        await AssertRefusedWithoutChangeAsync(session, 409, () =>
            participant.InvokeAsync("SubmitResponse", poll, new { option_index = 0 }, "late"));
    }

    [Fact]
    public async Task SubmitResponse_SecondAnswerToSingleSlotPoll_Refused409AndKeepsTheFirst()
    {
        var (session, alice, participant) = await JoinedParticipantAsync();
        var poll = await _api.CreateActiveActivityAsync(session, "poll", PollConfig);
        await participant.InvokeAsync("SubmitResponse", poll, new { option_index = 0 }, "first");

        await AssertRefusedWithoutChangeAsync(session, 409, () =>
            participant.InvokeAsync("SubmitResponse", poll, new { option_index = 1 }, "second"));
        var stored = await _api.GetJsonAsync($"/api/v1/sessions/{session.Id}/activities/{poll}/responses/{alice.Id}", token: alice.Token);
        Assert.Equal(0, stored["response_data"]!["option_index"]!.GetValue<int>());
    }

    private async Task<(Api.Session, Api.Participant, SessionHubClient)> JoinedParticipantAsync()
    {
        var session = await _api.CreateSessionAsync();
        var alice = await _api.JoinAsync(session, "Alice");
        var client = await factory.JoinedAsync(session.Id, alice.Token);
        _clients.Add(client);
        return (session, alice, client);
    }

    private async Task AssertRefusedWithoutChangeAsync(Api.Session session, int status, Func<Task> call)
    {
        var before = await _api.LastSeqAsync(session.Id);
        await HubTesting.RefusedAsync(status, call);
        Assert.Equal(before, await _api.LastSeqAsync(session.Id));
        var events = await _api.GetJsonAsync($"/api/v1/sessions/{session.Id}/events?after={before}", adminCode: session.AdminCode);
        Assert.Empty(events["events"]!.AsArray());
    }
}

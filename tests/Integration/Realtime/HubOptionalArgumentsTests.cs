using System.Text.Json.Nodes;
using Conflicto.Tests.Integration.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;

namespace Conflicto.Tests.Integration.Realtime;

/// <summary>
/// Hub methods called with only their required arguments (trailing parameters with defaults left
/// out), over JSON and MessagePack; the full forms keep working.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class HubOptionalArgumentsTests(ConflictoApiFactory factory)
{
    private static readonly object PollConfig = new { question = "Best?", options = new[] { "A", "B" } };

    private readonly Api _api = new(factory.CreateClient());

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task SubmitResponse_WithoutIdempotencyKey_StoresEachCallAsANewResponse(bool messagePack)
    {
        var session = await _api.CreateSessionAsync();
        var alice = await _api.JoinAsync(session, "Alice");
        var cloud = await _api.CreateActiveActivityAsync(session, "word_cloud", new { prompt = "One word", max_words_per_participant = 5 });
        await using var participant = await factory.JoinedAsync(session.Id, alice.Token, messagePack: messagePack);
        var words = new[] { "calm", "calm" };

        var acks = new List<System.Text.Json.JsonElement>();
        foreach (var word in words) acks.Add(await participant.InvokeAsync("SubmitResponse", cloud, Word(word)));

        Assert.All(acks, ack => Assert.False(ack.GetProperty("replayed").GetBoolean()));
        Assert.Equal(words.Length, acks.Select(a => a.GetProperty("responseId").GetGuid()).Distinct().Count());
        Assert.Equal(acks[^1].GetProperty("seq").GetInt64(), await _api.LastSeqAsync(session.Id));
        var list = await _api.GetJsonAsync($"/api/v1/sessions/{session.Id}/activities/{cloud}/responses", adminCode: session.AdminCode);
        Assert.Equal(words.Length, list["summary"]!["total_responses"]!.GetValue<int>());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task SubmitResponse_FullFormWithKey_StillReplaysTheFirstAck(bool messagePack)
    {
        var session = await _api.CreateSessionAsync();
        var alice = await _api.JoinAsync(session, "Alice");
        var cloud = await _api.CreateActiveActivityAsync(session, "word_cloud", new { prompt = "One word", max_words_per_participant = 5 });
        await using var participant = await factory.JoinedAsync(session.Id, alice.Token, messagePack: messagePack);

        var first = await participant.InvokeAsync("SubmitResponse", cloud, Word("once"), "key-1");
        var again = await participant.InvokeAsync("SubmitResponse", cloud, Word("once"), "key-1");

        Assert.Equal(first.GetProperty("responseId").GetGuid(), again.GetProperty("responseId").GetGuid());
        Assert.True(again.GetProperty("replayed").GetBoolean());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task TransitionActivity_WithoutForce_MovesAlongTheLifeCycleAndRefusesSkips(bool messagePack)
    {
        var session = await _api.CreateSessionAsync();
        var poll = await _api.CreateActivityAsync(session, "poll", PollConfig);
        var other = await _api.CreateActivityAsync(session, "poll", PollConfig);
        await using var host = await factory.JoinedAsync(session.Id, session.AdminCode, messagePack: messagePack);

        var seq = (await host.InvokeAsync("TransitionActivity", poll, "published")).GetInt64();

        Assert.Equal(await _api.LastSeqAsync(session.Id), seq);
        Assert.Equal("published", await StateAsync(poll));
        // force was left out, so it is false: draft → active skips a step and is refused.
        await HubTesting.RefusedAsync(409, () => host.InvokeAsync("TransitionActivity", other, "active"));
        Assert.Equal("draft", await StateAsync(other));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task TransitionActivity_FullForms_StillWork(bool messagePack)
    {
        var session = await _api.CreateSessionAsync();
        var poll = await _api.CreateActivityAsync(session, "poll", PollConfig);
        var forced = await _api.CreateActivityAsync(session, "poll", PollConfig);
        await using var host = await factory.JoinedAsync(session.Id, session.AdminCode, messagePack: messagePack);

        await host.InvokeAsync("TransitionActivity", poll, "published", false);
        var seq = (await host.InvokeAsync("TransitionActivity", poll, "active", false, true)).GetInt64();
        await host.InvokeAsync("TransitionActivity", forced, "active", true);

        // Opening the forced one without keepOthersOpen also closed the first (one current activity): two events.
        Assert.Equal(seq + 2, await _api.LastSeqAsync(session.Id));
        Assert.Equal("active", await StateAsync(forced));
        Assert.Equal("expired", await StateAsync(poll));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task MethodsWithoutOptionalArguments_TakeTheirRequiredArguments(bool messagePack)
    {
        var session = await _api.CreateSessionAsync();
        await using var host = factory.HubClient(session.AdminCode, messagePack);
        await host.StartAsync();

        var join = await host.InvokeAsync("JoinSession", new Dictionary<string, object> { ["sessionId"] = session.Id });
        var seq = (await host.InvokeAsync("SetSessionStatus", "active")).GetInt64();
        await host.Connection.InvokeAsync("LeaveSession");

        Assert.Equal("host", join.GetProperty("snapshot").GetProperty("role").GetString());
        Assert.Equal(await _api.LastSeqAsync(session.Id), seq);
        Assert.Equal("active", (await _api.GetJsonAsync($"/api/v1/sessions/{session.Id}/status"))["status"]!.GetValue<string>());
    }

    private static Dictionary<string, object> Word(string word) => new() { ["word"] = word };

    private async Task<string> StateAsync(Guid activity) =>
        (await _api.GetJsonAsync($"/api/v1/activities/{activity}"))["state"]!.GetValue<string>();
}

using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Conflicto.Tests.Integration.Activities;
using Conflicto.Tests.Integration.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;

namespace Conflicto.Tests.Integration.Realtime;

/// <summary>Scale, ranking, open text and numeric guess over the hub: answers acked, results pushed, a numeric guess's correct value kept from everyone but the host until revealed.</summary>
[Collection(ApiCollection.Name)]
public sealed class NewTypeHubTests(ConflictoApiFactory factory)
{
    private readonly Api _api = new(factory.CreateClient());

    private static async Task<JsonElement> WaitForResultsAsync(List<JsonElement> pushes, Func<JsonElement, bool> done, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            lock (pushes) if (pushes.LastOrDefault(done) is { ValueKind: JsonValueKind.Object } found) return found;
            await Task.Delay(25);
        }
        lock (pushes) Assert.Fail($"no Results push with {what} arrived; last: {(pushes.Count == 0 ? "none" : pushes[^1].GetRawText())}");
        return default;
    }

    private static List<JsonElement> Collect(SessionHubClient client)
    {
        var pushes = new List<JsonElement>();
        client.Connection.On<JsonElement>("Results", r => { lock (pushes) pushes.Add(r); });
        return pushes;
    }

    [Theory]
    [InlineData("scale", """{"question": "Rate", "scale_max": 5}""", """{"rating": 4}""", "statements.0.average", "4")]
    [InlineData("ranking", """{"question": "Order", "items": ["A", "B"]}""", """{"order": [1, 0]}""", "items.0.text", "B")]
    [InlineData("open_text", """{"question": "Ideas?", "show_answers": true}""", """{"text": "More coffee"}""", "answers.0.text", "More coffee")]
    [InlineData("numeric", """{"question": "Guess", "min": 0, "max": 10}""", """{"value": 7.5}""", "median", "7.5")]
    public async Task SubmitOverTheHub_ViewerGetsTheResultsPushed(string type, string config, string data, string path, string expected)
    {
        var session = await _api.CreateSessionAsync();
        var alice = await _api.JoinAsync(session, "Alice");
        var id = await _api.CreateActiveActivityAsync(session, type, JsonNode.Parse(config)!);
        await using var viewer = factory.HubClient(null);
        var pushes = Collect(viewer);
        await viewer.StartAsync();
        await viewer.JoinAsync(session.Id, joinCode: session.JoinCode);
        await using var participant = await factory.JoinedAsync(session.Id, alice.Token);

        var ack = await participant.InvokeAsync("SubmitResponse", id, JsonSerializer.Deserialize<JsonElement>(data), "k1");
        Assert.True(ack.GetProperty("seq").GetInt64() > 0);

        var push = await WaitForResultsAsync(pushes, r => r.GetProperty("responseCount").GetInt32() == 1, "one response");
        var value = path.Split('.').Aggregate(push.GetProperty("results"), (e, step) => int.TryParse(step, out var i) ? e[i] : e.GetProperty(step));
        Assert.Equal(expected, value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText());

        // The same document over REST.
        var rest = await _api.ResultsAsync(id);
        Assert.Equal(1, rest["response_count"]!.GetValue<int>());
    }

    [Fact]
    public async Task InvalidAnswerOverTheHub_Is422()
    {
        var session = await _api.CreateSessionAsync();
        var alice = await _api.JoinAsync(session, "Alice");
        var id = await _api.CreateActiveActivityAsync(session, "ranking", new { question = "Order", items = new[] { "A", "B", "C" } });
        await using var participant = await factory.JoinedAsync(session.Id, alice.Token);

        var refusal = await HubTesting.RefusedAsync(422, () => participant.InvokeAsync("SubmitResponse", id, new { order = new[] { 0, 0, 1 } }, "bad"));
        Assert.Contains("order must not list an item twice", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NumericCorrectValue_ReachesOnlyTheHostBeforeTheReveal_EveryoneAfter()
    {
        var session = await _api.CreateSessionAsync();
        var alice = await _api.JoinAsync(session, "Alice");
        var bob = await _api.JoinAsync(session, "Bob");
        await using var host = await factory.JoinedAsync(session.Id, session.AdminCode);
        await using var participant = factory.HubClient(alice.Token);
        var participantPushes = Collect(participant);
        await participant.StartAsync();
        await participant.JoinAsync(session.Id);
        await using var viewer = factory.HubClient(null);
        var viewerPushes = Collect(viewer);
        await viewer.StartAsync();
        await viewer.JoinAsync(session.Id, joinCode: session.JoinCode);

        var config = new JsonObject { ["question"] = "Tower height?", ["min"] = 0, ["max"] = 1000, ["correct_value"] = 777.25 };
        var id = await _api.CreateActiveActivityAsync(session, "numeric", config);
        await participant.InvokeAsync("SubmitResponse", id, new { value = 700 }, "a");
        await using var late = await factory.JoinedAsync(session.Id, bob.Token); // a snapshot taken while it is hidden
        var seq = await _api.LastSeqAsync(session.Id);
        await Task.WhenAll(host.WaitForSeqAsync(seq), participant.WaitForSeqAsync(seq), viewer.WaitForSeqAsync(seq));
        await WaitForResultsAsync(viewerPushes, r => r.GetProperty("responseCount").GetInt32() == 1, "the guess");

        Assert.Contains("777.25", string.Join("\n", host.Events.Select(e => e.GetRawText())), StringComparison.Ordinal);
        string Seen(SessionHubClient c, List<JsonElement>? pushes) =>
            string.Join("\n", c.Events.Select(e => e.GetRawText()).Append(c.LastJoin?.GetRawText() ?? "")
                .Concat(pushes is null ? [] : pushes.Select(p => p.GetRawText())));
        foreach (var (name, seen) in new[] { ("participant", Seen(participant, participantPushes)), ("viewer", Seen(viewer, viewerPushes)), ("late joiner", Seen(late, null)) })
        {
            Assert.False(seen.Contains("777.25", StringComparison.Ordinal), $"the {name} saw the correct value before the reveal");
            Assert.False(seen.Contains("correct_value\":7", StringComparison.Ordinal), $"the {name} saw correct_value before the reveal");
        }

        config["revealed"] = true;
        await Api.ReadAsync(await _api.SendAsync(HttpMethod.Put, $"/api/v1/activities/{id}", new { config }, adminCode: session.AdminCode), HttpStatusCode.OK);

        var revealed = await WaitForResultsAsync(participantPushes, r => r.GetProperty("results").GetProperty("revealed").GetBoolean(), "the reveal");
        Assert.Equal(777.25, revealed.GetProperty("results").GetProperty("correct_value").GetDouble());
        Assert.Equal(alice.Id, revealed.GetProperty("results").GetProperty("winners")[0].GetProperty("participant_id").GetInt32());
        var after = await _api.LastSeqAsync(session.Id);
        await participant.WaitForSeqAsync(after);
        Assert.Contains("777.25", Seen(participant, null), StringComparison.Ordinal);
    }
}

using System.Net;
using System.Text.Json;
using Conflicto.Tests.Integration.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Conflicto.Tests.Integration.Realtime;

[Collection(ApiCollection.Name)]
public sealed class SessionHubTests(ConflictoApiFactory factory)
{
    private readonly Api _api = new(factory.CreateClient());

    private SessionHubClient Client(string? token) =>
        SessionHubClient.Create(() => factory.Server.CreateHandler(), factory.Server.BaseAddress.ToString().TrimEnd('/'), token);

    [Fact]
    public async Task JoinSession_HostParticipantViewer_ReceiveTheSameEventsInSeqOrder()
    {
        var session = await _api.CreateSessionAsync();
        var alice = await _api.JoinAsync(session, "Alice");
        await using var host = Client(session.AdminCode);
        await using var participant = Client(alice.Token);
        await using var viewer = Client(null);
        await Task.WhenAll(host.StartAsync(), participant.StartAsync(), viewer.StartAsync());
        Assert.Equal("host", (await host.JoinAsync(session.Id)).GetProperty("snapshot").GetProperty("role").GetString());
        Assert.Equal("participant", (await participant.JoinAsync(session.Id)).GetProperty("snapshot").GetProperty("role").GetString());
        Assert.Equal("viewer", (await viewer.JoinAsync(session.Id, joinCode: session.JoinCode.ToLowerInvariant())).GetProperty("snapshot").GetProperty("role").GetString());
        var start = host.LastSeq;

        var poll = await _api.CreateActiveActivityAsync(session, "poll", new { question = "Best?", options = new[] { "A", "B" } });
        await Api.ReadAsync(await _api.SubmitAsync(alice, poll, new { option_index = 1 }), HttpStatusCode.Created);
        await _api.JoinAsync(session, "Bob");
        var last = start + 5; // created, published, active, response, join

        foreach (var client in new[] { host, participant, viewer }) await client.WaitForSeqAsync(last);
        foreach (var client in new[] { host, participant, viewer })
        {
            var seqs = client.Events.Select(e => e.GetProperty("seq").GetInt64()).ToList();
            Assert.Equal(Enumerable.Range((int)start + 1, 5).Select(i => (long)i), seqs);
            Assert.Equal(
                ["activity.created", "activity.state_changed", "activity.state_changed", "response.added", "participant.joined"],
                client.Events.Select(e => e.GetProperty("type").GetString()));
        }
    }

    [Fact]
    public async Task SubmitResponse_PushesCoalescedResultsToTheViewer()
    {
        var session = await _api.CreateSessionAsync();
        var poll = await _api.CreateActiveActivityAsync(session, "poll", new { question = "Best?", options = new[] { "A", "B" } });
        var people = await Task.WhenAll(Enumerable.Range(1, 5).Select(i => _api.JoinAsync(session, $"P{i}")));
        await using var viewer = Client(null);
        var results = new List<JsonElement>();
        viewer.Connection.On<JsonElement>("Results", r => { lock (results) results.Add(r); });
        await viewer.StartAsync();
        await viewer.JoinAsync(session.Id, joinCode: session.JoinCode);

        foreach (var (person, i) in people.Select((p, i) => (p, i)))
        {
            await using var client = Client(person.Token);
            await client.StartAsync();
            await client.JoinAsync(session.Id);
            var ack = await client.Connection.InvokeAsync<JsonElement>("SubmitResponse", poll, new { option_index = i % 2 }, $"key-{i}");
            Assert.True(ack.GetProperty("seq").GetInt64() > 0);
        }

        var deadline = DateTime.UtcNow.AddSeconds(15);
        JsonElement? last = null;
        while (DateTime.UtcNow < deadline)
        {
            lock (results) last = results.LastOrDefault(r => r.GetProperty("responseCount").GetInt32() == 5);
            if (last is { ValueKind: JsonValueKind.Object }) break;
            await Task.Delay(20);
        }
        Assert.True(last is { ValueKind: JsonValueKind.Object }, "no Results update with all 5 responses arrived");
        var options = last!.Value.GetProperty("results").GetProperty("options");
        Assert.Equal(3, options[0].GetProperty("votes").GetInt32());
        Assert.Equal(2, options[1].GetProperty("votes").GetInt32());
    }
}

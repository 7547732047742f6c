using System.Net;
using System.Text.Json;
using Conflicto.Tests.Integration.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;

namespace Conflicto.Tests.Integration.Realtime;

[Collection(ApiCollection.Name)]
public sealed class SessionHubTests(ConflictoApiFactory factory)
{
    private static readonly object PollConfig = new { question = "Best?", options = new[] { "A", "B" } };

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

        var poll = await _api.CreateActiveActivityAsync(session, "poll", PollConfig);
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

    [Fact]
    public async Task Events_ConcurrentSubmissionsOverTheHub_ReachEveryRoleGapFreeAndInOrder()
    {
        var session = await _api.CreateSessionAsync();
        var cloud = await _api.CreateActiveActivityAsync(session, "word_stream", new { prompt = "Words" });
        var people = new List<(Api.Participant Who, SessionHubClient Client)>();
        for (var i = 0; i < 4; i++)
        {
            var p = await _api.JoinAsync(session, $"P{i}");
            people.Add((p, await factory.JoinedAsync(session.Id, p.Token)));
        }
        await using var host = await factory.JoinedAsync(session.Id, session.AdminCode);
        await using var viewer = await factory.JoinedAsync(session.Id, null, session.JoinCode);
        var start = host.LastSeq;
        const int perParticipant = 15;

        await Task.WhenAll(people.Select(async p =>
        {
            for (var n = 0; n < perParticipant; n++)
                await p.Client.InvokeAsync("SubmitResponse", cloud, new { word = $"w{n}" }, $"{p.Who.Id}-{n}");
        }));

        var last = start + people.Count * perParticipant;
        var observers = people.Select(p => p.Client).Append(host).Append(viewer).ToList();
        foreach (var client in observers) await client.WaitForSeqAsync(last);
        foreach (var client in observers)
        {
            // Earlier joiners also saw the later joins: every client's events run gap-free to the last.
            var seqs = client.Events.Seqs();
            Assert.InRange(seqs[0], 1, start + 1);
            Assert.Equal(Enumerable.Range(0, seqs.Count).Select(i => seqs[0] + i), seqs);
            Assert.Equal(last, seqs[^1]);
        }
        foreach (var (_, client) in people) await client.DisposeAsync();
    }

    [Fact]
    public async Task HubAndRest_SameChanges_ProduceTheSameEventTypesAndShapes()
    {
        var viaRest = await RecordAsync(async (session, alice, poll, _, _) =>
        {
            await Api.ReadAsync(await _api.SendAsync(HttpMethod.Put, $"/api/v1/sessions/{session.Id}", new { status = "active" }, adminCode: session.AdminCode), HttpStatusCode.OK);
            await _api.TransitionAsync(session, poll, "published");
            await _api.TransitionAsync(session, poll, "active");
            await Api.ReadAsync(await _api.SubmitAsync(alice, poll, new { option_index = 0 }, "k"), HttpStatusCode.Created);
            await _api.TransitionAsync(session, poll, "expired");
            await Api.ReadAsync(await _api.SendAsync(HttpMethod.Put, $"/api/v1/sessions/{session.Id}", new { status = "completed" }, adminCode: session.AdminCode), HttpStatusCode.OK);
        });
        var viaHub = await RecordAsync(async (_, _, poll, host, participant) =>
        {
            var seqs = new List<long>
            {
                (await host.InvokeAsync("SetSessionStatus", "active")).GetInt64(),
                (await host.InvokeAsync("TransitionActivity", poll, "published", false)).GetInt64(),
                (await host.InvokeAsync("TransitionActivity", poll, "active", false)).GetInt64(),
                (await participant.InvokeAsync("SubmitResponse", poll, new { option_index = 0 }, "k")).GetProperty("seq").GetInt64(),
                (await host.InvokeAsync("TransitionActivity", poll, "expired", false)).GetInt64(),
                (await host.InvokeAsync("SetSessionStatus", "completed")).GetInt64(),
            };
            // Each call answers the seq of the event it caused.
            Assert.Equal(Enumerable.Range(1, 6).Select(i => seqs[0] - 1 + i), seqs);
        });

        Assert.Equal(
            ["session.status_changed", "activity.state_changed", "activity.state_changed", "response.added", "activity.state_changed", "session.status_changed", "session.summary"],
            viaRest.Types());
        Assert.Equal(viaRest.Types(), viaHub.Types());
        for (var i = 0; i < viaRest.Count; i++)
        {
            Assert.Equal(Keys(viaRest[i].Data()), Keys(viaHub[i].Data()));
            foreach (var key in new[] { "status", "state", "response_data" })
                if (viaRest[i].Data().TryGetProperty(key, out var value))
                    Assert.Equal(value.GetRawText(), viaHub[i].Data().GetProperty(key).GetRawText());
        }
    }

    [Fact]
    public async Task HostMethods_IllegalChanges_AreRefusedAndChangeNothing()
    {
        var session = await _api.CreateSessionAsync();
        var poll = await _api.CreateActivityAsync(session, "poll", PollConfig);
        await using var host = await factory.JoinedAsync(session.Id, session.AdminCode);
        var before = await _api.LastSeqAsync(session.Id);

        await HubTesting.RefusedAsync(409, () => host.InvokeAsync("TransitionActivity", poll, "active", false));
        await HubTesting.RefusedAsync(422, () => host.InvokeAsync("TransitionActivity", poll, "launched", false));
        await HubTesting.RefusedAsync(404, () => host.InvokeAsync("TransitionActivity", Guid.NewGuid(), "published", false));
        await HubTesting.RefusedAsync(422, () => host.InvokeAsync("SetSessionStatus", "paused"));
        Assert.Equal(before, await _api.LastSeqAsync(session.Id));

        // force skips the state machine, as over REST.
        var seq = (await host.InvokeAsync("TransitionActivity", poll, "active", true)).GetInt64();
        Assert.Equal(before + 1, seq);
        await host.InvokeAsync("SetSessionStatus", "completed");
        await Processing.ProcessingTesting.WaitUntilAsync( // the summary is appended a moment after the completion
            () => Task.FromResult(host.Events.Any(e => e.GetProperty("type").GetString() == "session.summary")), "the session.summary event");
        var afterCompleted = await _api.LastSeqAsync(session.Id);
        await HubTesting.RefusedAsync(409, () => host.InvokeAsync("SetSessionStatus", "active"));
        Assert.Equal(afterCompleted, await _api.LastSeqAsync(session.Id));
    }

    /// <summary>Sets up a session with a participant and a draft poll, runs the changes, and returns the events the host saw.</summary>
    private async Task<IReadOnlyList<JsonElement>> RecordAsync(
        Func<Api.Session, Api.Participant, Guid, SessionHubClient, SessionHubClient, Task> changes)
    {
        var session = await _api.CreateSessionAsync();
        var alice = await _api.JoinAsync(session, "Alice");
        var poll = await _api.CreateActivityAsync(session, "poll", PollConfig);
        await using var host = await factory.JoinedAsync(session.Id, session.AdminCode);
        await using var participant = await factory.JoinedAsync(session.Id, alice.Token);
        var start = host.LastSeq;
        await changes(session, alice, poll, host, participant);
        // Completing the session appends its summary a moment after the commit, whichever way it was completed.
        await Processing.ProcessingTesting.WaitUntilAsync(
            () => Task.FromResult(host.Events.Any(e => e.GetProperty("type").GetString() == "session.summary")), "the session.summary event");
        var last = await _api.LastSeqAsync(session.Id);
        await host.WaitForSeqAsync(last);
        return host.Events.Where(e => e.GetProperty("seq").GetInt64() > start).ToList();
    }

    private static IReadOnlyList<string> Keys(JsonElement data) => data.EnumerateObject().Select(p => p.Name).Order().ToList();
}

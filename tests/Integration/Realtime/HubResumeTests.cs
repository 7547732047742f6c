using System.Collections.Concurrent;
using System.Net;
using Conflicto.Tests.Integration.Infrastructure;

namespace Conflicto.Tests.Integration.Realtime;

/// <summary>A client that comes back with its last seq gets exactly what it missed.</summary>
[Collection(ApiCollection.Name)]
public sealed class HubResumeTests(ConflictoApiFactory factory)
{
    private const int Changes = 1000;

    private readonly Api _api = new(factory.CreateClient());

    [Fact]
    public async Task JoinSession_AfterMissingAThousandChanges_ReplaysExactlyTheMissedEventsInOrder()
    {
        var session = await _api.CreateSessionAsync();
        var cloud = await _api.CreateActiveActivityAsync(session, "word_stream", new { prompt = "Words" });
        var people = new List<Api.Participant>();
        for (var i = 0; i < 16; i++) people.Add(await _api.JoinAsync(session, $"P{i}"));

        long lastSeen;
        await using (var before = await factory.JoinedAsync(session.Id, session.AdminCode)) lastSeen = before.LastSeq;

        var submitted = new ConcurrentBag<Guid>();
        using var gate = new SemaphoreSlim(16);
        await Task.WhenAll(Enumerable.Range(0, Changes).Select(async n =>
        {
            await gate.WaitAsync();
            try
            {
                var body = await Api.ReadAsync(await _api.SubmitAsync(people[n % people.Count], cloud, new { word = $"w{n}" }), HttpStatusCode.Created);
                submitted.Add(Guid.Parse(body["id"]!.GetValue<string>()));
            }
            finally { gate.Release(); }
        }));

        await using var resumed = factory.HubClient(session.AdminCode);
        await resumed.StartAsync();
        var joined = await resumed.JoinAsync(session.Id, afterSeq: lastSeen);

        Assert.True(joined.GetProperty("recovered").GetBoolean());
        Assert.Equal(lastSeen + Changes, joined.GetProperty("snapshot").GetProperty("lastSeq").GetInt64());
        var replayed = joined.GetProperty("events").EnumerateArray().ToList();
        Assert.Equal(Enumerable.Range(1, Changes).Select(i => lastSeen + i), replayed.Seqs());
        Assert.All(replayed, e => Assert.Equal("response.added", e.GetProperty("type").GetString()));
        Assert.Equal(submitted.Order(), replayed.Select(e => e.Data().GetProperty("id").GetGuid()).Order());

        // Live events continue right after the replay, without duplicates.
        await _api.JoinAsync(session, "Late");
        await resumed.WaitForSeqAsync(lastSeen + Changes + 1);
        Assert.Equal(Enumerable.Range(1, Changes + 1).Select(i => lastSeen + i), resumed.Events.Seqs());
    }

    [Fact]
    public async Task JoinSession_AfterSeqIsCurrent_RecoversWithNoEvents()
    {
        var session = await _api.CreateSessionAsync();
        await _api.JoinAsync(session, "Alice");
        var last = await _api.LastSeqAsync(session.Id);

        await using var client = factory.HubClient(session.AdminCode);
        await client.StartAsync();
        var joined = await client.JoinAsync(session.Id, afterSeq: last);

        Assert.True(joined.GetProperty("recovered").GetBoolean());
        Assert.Empty(joined.GetProperty("events").EnumerateArray());
        Assert.Equal(last, joined.GetProperty("snapshot").GetProperty("lastSeq").GetInt64());
    }

    [Fact]
    public async Task JoinSession_WithoutAfterSeq_ReturnsSnapshotOnlyAndNotRecovered()
    {
        var session = await _api.CreateSessionAsync();
        var alice = await _api.JoinAsync(session, "Alice");

        await using var client = factory.HubClient(session.AdminCode);
        await client.StartAsync();
        var joined = await client.JoinAsync(session.Id);

        Assert.False(joined.GetProperty("recovered").GetBoolean());
        Assert.Empty(joined.GetProperty("events").EnumerateArray());
        var snapshot = joined.GetProperty("snapshot");
        Assert.Equal(await _api.LastSeqAsync(session.Id), snapshot.GetProperty("lastSeq").GetInt64());
        Assert.Equal(session.Id, snapshot.GetProperty("session").GetProperty("id").GetInt32());
        Assert.Equal(alice.Nickname, Assert.Single(snapshot.GetProperty("participants").EnumerateArray()).GetProperty("nickname").GetString());
    }
}

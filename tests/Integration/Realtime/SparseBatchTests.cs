using Conflicto.Tests.Integration.Infrastructure;

namespace Conflicto.Tests.Integration.Realtime;

/// <summary>Batching delays nothing when traffic is sparse: an event that finds its stream idle goes at once.</summary>
public sealed class SparseBatchTests(LongBatchApiFactory factory) : IClassFixture<LongBatchApiFactory>
{
    private readonly Api _api = new(factory.CreateClient());

    [Fact]
    public async Task OneEventToIdleConnections_ArrivesAtOnce_AsOneMessageEach()
    {
        var session = await _api.CreateSessionAsync();
        var alice = await _api.JoinAsync(session, "Alice");
        await using var host = await factory.JoinedAsync(session.Id, session.AdminCode, version: 2);
        await using var viewer = await factory.JoinedAsync(session.Id, null, session.JoinCode, version: 2);
        await using var participant = await factory.JoinedAsync(session.Id, alice.Token, version: 2);
        var start = host.LastSeq;

        await _api.CreateActivityAsync(session, "poll", new { question = "?", options = new[] { "A", "B" } });
        // A 10-minute pause would outlast these waits: the event went out without one.
        foreach (var client in new[] { host, viewer, participant }) await client.WaitForSeqAsync(start + 1);

        foreach (var client in new[] { host, viewer, participant })
        {
            Assert.Equal([1], client.Messages);
            Assert.Equal(start, client.Events.Single().GetProperty("prevSeq").GetInt64());
        }
    }
}

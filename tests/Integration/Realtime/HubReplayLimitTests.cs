using Conflicto.Tests.Integration.Infrastructure;

namespace Conflicto.Tests.Integration.Realtime;

/// <summary>Beyond Realtime:MaxReplayEvents (10 here), or from a seq that never existed, a client gets a fresh snapshot instead.</summary>
public sealed class HubReplayLimitTests(ShortReplayApiFactory factory) : IClassFixture<ShortReplayApiFactory>
{
    private readonly Api _api = new(factory.CreateClient());

    [Fact]
    public async Task JoinSession_TwentyEventsBehindWithReplayLimitTen_GetsFreshSnapshotNotRecovered()
    {
        var (session, lastSeen) = await SessionWithMissedJoinsAsync(20);

        await using var client = factory.HubClient(session.AdminCode);
        await client.StartAsync();
        var joined = await client.JoinAsync(session.Id, afterSeq: lastSeen);

        Assert.False(joined.GetProperty("recovered").GetBoolean());
        Assert.Empty(joined.GetProperty("events").EnumerateArray());
        var snapshot = joined.GetProperty("snapshot");
        Assert.Equal(lastSeen + 20, snapshot.GetProperty("lastSeq").GetInt64());
        Assert.Equal(20, snapshot.GetProperty("participants").GetArrayLength());

        // Live events follow the snapshot.
        await _api.JoinAsync(session, "After");
        await client.WaitForSeqAsync(lastSeen + 21);
        Assert.Equal([lastSeen + 21], client.Events.Seqs());
    }

    [Fact]
    public async Task JoinSession_ExactlyAtTheReplayLimit_StillRecovers()
    {
        var (session, lastSeen) = await SessionWithMissedJoinsAsync(ShortReplayApiFactory.MaxReplayEvents);

        await using var client = factory.HubClient(session.AdminCode);
        await client.StartAsync();
        var joined = await client.JoinAsync(session.Id, afterSeq: lastSeen);

        Assert.True(joined.GetProperty("recovered").GetBoolean());
        Assert.Equal(Enumerable.Range(1, ShortReplayApiFactory.MaxReplayEvents).Select(i => lastSeen + i),
            joined.GetProperty("events").EnumerateArray().Seqs());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(1000)]
    [InlineData(-1)]
    public async Task JoinSession_AfterSeqNotInTheLog_GetsFreshSnapshotNotRecovered(long offsetFromCurrent)
    {
        var (session, lastSeen) = await SessionWithMissedJoinsAsync(2);
        var current = lastSeen + 2;
        var afterSeq = offsetFromCurrent < 0 ? -1 : current + offsetFromCurrent;

        await using var client = factory.HubClient(session.AdminCode);
        await client.StartAsync();
        var joined = await client.JoinAsync(session.Id, afterSeq: afterSeq);

        Assert.False(joined.GetProperty("recovered").GetBoolean());
        Assert.Empty(joined.GetProperty("events").EnumerateArray());
        Assert.Equal(current, joined.GetProperty("snapshot").GetProperty("lastSeq").GetInt64());
    }

    /// <summary>A host client joins and leaves; then <paramref name="missed"/> participants join.</summary>
    private async Task<(Api.Session Session, long LastSeen)> SessionWithMissedJoinsAsync(int missed)
    {
        var session = await _api.CreateSessionAsync();
        long lastSeen;
        await using (var before = await factory.JoinedAsync(session.Id, session.AdminCode)) lastSeen = before.LastSeq;
        for (var i = 0; i < missed; i++) await _api.JoinAsync(session, $"P{i}");
        return (session, lastSeen);
    }
}

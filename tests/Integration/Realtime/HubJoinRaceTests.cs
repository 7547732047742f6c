using System.Net;
using Conflicto.Tests.Integration.Infrastructure;

namespace Conflicto.Tests.Integration.Realtime;

/// <summary>Joining a stream that is busy: the live events must pick up exactly where each snapshot ends.</summary>
[Collection(ApiCollection.Name)]
public sealed class HubJoinRaceTests(ConflictoApiFactory factory)
{
    private readonly Api _api = new(factory.CreateClient());

    [Fact]
    public async Task JoinSession_WhileOthersReceiveEvents_EveryJoinerGetsEveryEventAfterItsSnapshot()
    {
        var session = await _api.CreateSessionAsync();
        var cloud = await _api.CreateActiveActivityAsync(session, "word_stream", new { prompt = "Words" });
        var people = new List<Api.Participant>();
        for (var i = 0; i < 4; i++) people.Add(await _api.JoinAsync(session, $"P{i}"));
        // Keeps the session's stream running, so events go out while each joiner reads its snapshot.
        await using var host = await factory.JoinedAsync(session.Id, session.AdminCode);

        var writers = Task.WhenAll(people.Select(async p =>
        {
            for (var n = 0; n < 60; n++)
                await Api.ReadAsync(await _api.SubmitAsync(p, cloud, new { word = $"w{n}" }), HttpStatusCode.Created);
        }));
        var joiners = new List<SessionHubClient>();
        try
        {
            while (!writers.IsCompleted && joiners.Count < 60)
                joiners.Add(await factory.JoinedAsync(session.Id, null, session.JoinCode));
            await writers;
            var last = await _api.LastSeqAsync(session.Id);

            foreach (var joiner in joiners)
            {
                await joiner.WaitForSeqAsync(last);
                var from = joiner.LastJoin!.Value.GetProperty("snapshot").GetProperty("lastSeq").GetInt64();
                Assert.Equal(Enumerable.Range(1, (int)(last - from)).Select(i => from + i), joiner.Events.Seqs());
            }
        }
        finally
        {
            foreach (var joiner in joiners) await joiner.DisposeAsync();
        }
    }
}

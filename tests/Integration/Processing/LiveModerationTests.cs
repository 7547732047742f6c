using System.Net;
using System.Text.Json;
using Conflicto.Tests.Integration.Infrastructure;
using Conflicto.Tests.Integration.Realtime;
using Microsoft.AspNetCore.SignalR.Client;

namespace Conflicto.Tests.Integration.Processing;

/// <summary>Moderation applies to the live results pushed on the hub as it does to REST.</summary>
public sealed class LiveModerationTests(ProcessingFactory factory) : IClassFixture<ProcessingFactory>
{
    private readonly Api _api = factory.Api();

    [Fact]
    public async Task ModeratedWordCloud_LiveResults_FollowTheVerdictAndTheHostsDecisions()
    {
        var session = await _api.CreateSessionAsync();
        var people = new[] { await _api.JoinAsync(session, "A"), await _api.JoinAsync(session, "B") };
        var cloud = await _api.CreateActiveActivityAsync(session, "word_cloud", new { prompt = "One word", max_words_per_participant = 1, moderation = true });
        await using var viewer = factory.HubClient(null);
        var updates = new List<JsonElement>();
        viewer.Connection.On<JsonElement>("Results", r => { lock (updates) updates.Add(r); });
        await viewer.StartAsync();
        await viewer.JoinAsync(session.Id, joinCode: session.JoinCode);

        var good = await SubmitAsync(people[0], cloud, "calm");
        var bad = await SubmitAsync(people[1], cloud, "fuck");
        var flagged = await SeqAsync(session.Id, "select seq from session_events where session_id = @sessionId and type = 'response.processing' "
            + "and data ->> 'subject_id' = @id and data ->> 'processing_status' = 'completed'", bad);
        await WordsAsync(updates, flagged, ["calm"], "the flagged word to drop out of the live results");

        await Api.ReadAsync(await Moderate(bad, "approve", session.AdminCode), HttpStatusCode.OK);
        await WordsAsync(updates, await ModeratedSeqAsync(session.Id, bad), ["calm", "fuck"], "the approved word to come back");

        await Api.ReadAsync(await Moderate(good, "reject", session.AdminCode), HttpStatusCode.OK);
        await WordsAsync(updates, await ModeratedSeqAsync(session.Id, good), ["fuck"], "the rejected word to go");
    }

    /// <summary>The seq of the (single) event the query finds, once it exists.</summary>
    private async Task<long> SeqAsync(int sessionId, string sql, Guid id)
    {
        long? seq = null;
        await ProcessingTesting.WaitUntilAsync(async () =>
            (seq = await ProcessingTesting.ScalarAsync<long?>(factory.ConnectionString, sql, new { sessionId, id = id.ToString() })) is not null, "the event");
        return seq!.Value;
    }

    private Task<long> ModeratedSeqAsync(int sessionId, Guid id) => SeqAsync(sessionId,
        "select max(seq) from session_events where session_id = @sessionId and type = 'response.moderated' and data ->> 'id' = @id", id);

    private async Task<Guid> SubmitAsync(Api.Participant participant, Guid activity, string word) =>
        Guid.Parse((await Api.ReadAsync(await _api.SubmitAsync(participant, activity, new { word }), HttpStatusCode.Created))["id"]!.GetValue<string>());

    private Task<HttpResponseMessage> Moderate(Guid response, string decision, string adminCode) =>
        _api.SendAsync(HttpMethod.Post, $"/api/v1/responses/{response}/moderation", new { decision }, adminCode: adminCode);

    /// <summary>Waits until the latest Results push, as of <paramref name="asOfSeq"/> or later, shows exactly these words.</summary>
    private static Task WordsAsync(List<JsonElement> updates, long asOfSeq, string[] expected, string what) => ProcessingTesting.WaitUntilAsync(() =>
    {
        lock (updates)
        {
            if (updates.Count == 0 || updates[^1].GetProperty("asOfSeq").GetInt64() < asOfSeq) return Task.FromResult(false);
            var words = updates[^1].GetProperty("results").GetProperty("words").EnumerateArray().Select(w => w.GetProperty("text").GetString()).Order();
            return Task.FromResult(words.SequenceEqual(expected.Order()));
        }
    }, what);
}

using System.Net;
using System.Text.Json.Nodes;
using Conflicto.Server.Quiz;
using Conflicto.Tests.Integration.Infrastructure;
using Conflicto.Tests.Integration.Realtime;
using Microsoft.Extensions.DependencyInjection;

namespace Conflicto.Tests.Integration.Quiz;

/// <summary>
/// The join snapshot's quizzes come from the node's standings cache (QuizStandingsCache): after
/// answers, a reveal, the leaderboard and a removal, the snapshot a new join gets must equal what a
/// fresh read (REST) says, and joins with nothing changed in between must not read the room again.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class QuizStandingsCacheTests(ConflictoApiFactory factory)
{
    private readonly Api _api = new(factory.CreateClient());

    [Fact]
    public async Task SnapshotLeaderboard_EqualsAFreshOne_AfterAnswersRevealAndARemoval_AndUnchangedJoinsReadOnce()
    {
        var cache = factory.Services.GetRequiredService<QuizStandingsCache>();
        var session = await _api.CreateSessionAsync();
        var alice = await _api.JoinAsync(session, "Alice");
        var bob = await _api.JoinAsync(session, "Bob");
        var carol = await _api.JoinAsync(session, "Carol");
        var quiz = await _api.CreateActiveQuizAsync(session);

        await _api.ActAsync(session, quiz, "start");
        var aliceAnswer = await Api.ReadAsync(await _api.SubmitAsync(alice, quiz, new { question_index = 0, option_index = 1 }), HttpStatusCode.Created);
        await Api.ReadAsync(await _api.SubmitAsync(bob, quiz, new { question_index = 0, option_index = 1 }), HttpStatusCode.Created);
        // Mid-question: a join sees both answers, and Alice's own.
        var midQuestion = await SnapshotQuizAsync(session.Id, alice.Token);
        Assert.Equal(2, midQuestion["answer_count"]!.GetValue<int>());
        Assert.Equal([1], midQuestion["me"]!["answer"]!.AsArray().Select(i => i!.GetValue<int>()));

        await Api.ReadAsync(await _api.SubmitAsync(carol, quiz, new { question_index = 0, option_index = 0 }), HttpStatusCode.Created);
        Assert.Equal(3, (await SnapshotQuizAsync(session.Id, carol.Token))["answer_count"]!.GetValue<int>());

        await _api.ActAsync(session, quiz, "reveal");
        await _api.ActAsync(session, quiz, "leaderboard");
        var board = await SnapshotQuizAsync(session.Id, session.AdminCode);
        var fresh = await _api.GetJsonAsync($"/api/v1/activities/{quiz}/leaderboard", adminCode: session.AdminCode);
        Assert.True(JsonNode.DeepEquals(fresh["leaderboard"], board["leaderboard"]), $"{fresh["leaderboard"]} vs {board["leaderboard"]}");
        Assert.Equal(3, board["leaderboard"]!["players"]!.GetValue<int>());
        Assert.Equal("Alice", board["leaderboard"]!["entries"]![0]!["nickname"]!.GetValue<string>());

        // Nothing changes: further joins are served from the board already read.
        var loads = cache.Loads;
        var again = await SnapshotQuizAsync(session.Id, bob.Token);
        await SnapshotQuizAsync(session.Id, session.AdminCode);
        Assert.Equal(loads, cache.Loads);
        Assert.True(JsonNode.DeepEquals(fresh["leaderboard"], again["leaderboard"]));
        Assert.Equal(fresh["leaderboard"]!["entries"]!.AsArray().First(e => e!["nickname"]!.GetValue<string>() == "Bob")!["score"]!.GetValue<int>(),
            again["me"]!["score"]!.GetValue<int>());

        // The host removes Alice's answer: the next join's leaderboard drops her points, as a fresh read does.
        await Api.ReadAsync(await _api.SendAsync(HttpMethod.Delete, $"/api/v1/responses/{aliceAnswer["id"]}", adminCode: session.AdminCode), HttpStatusCode.NoContent);
        var afterRemoval = await SnapshotQuizAsync(session.Id, session.AdminCode);
        var freshAfter = await _api.GetJsonAsync($"/api/v1/activities/{quiz}/leaderboard", adminCode: session.AdminCode);
        Assert.True(JsonNode.DeepEquals(freshAfter["leaderboard"], afterRemoval["leaderboard"]), $"{freshAfter["leaderboard"]} vs {afterRemoval["leaderboard"]}");
        Assert.False(JsonNode.DeepEquals(fresh["leaderboard"], afterRemoval["leaderboard"]));
        Assert.Equal("Bob", afterRemoval["leaderboard"]!["entries"]![0]!["nickname"]!.GetValue<string>());
    }

    /// <summary>The quiz a fresh join's snapshot carries (the session holds one quiz).</summary>
    private async Task<JsonNode> SnapshotQuizAsync(int sessionId, string token)
    {
        await using var client = await factory.JoinedAsync(sessionId, token, version: 2);
        return JsonNode.Parse(client.LastJoin!.Value.GetProperty("snapshot").GetProperty("quizzes")[0].GetRawText())!;
    }
}

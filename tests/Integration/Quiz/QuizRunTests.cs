using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Conflicto.Tests.Integration.Infrastructure;
using Conflicto.Tests.Integration.Realtime;

namespace Conflicto.Tests.Integration.Quiz;

/// <summary>A quiz run over REST and the hub: deadlines, locked answers, timing, leaderboard and reconnects.</summary>
[Collection(ApiCollection.Name)]
public sealed class QuizRunTests(ConflictoApiFactory factory)
{
    private readonly Api _api = new(factory.CreateClient());

    [Fact]
    public async Task AnswerAfterTheDeadline_IsRefusedWith409_OnRestAndHub_AndNothingIsStored()
    {
        var session = await _api.CreateSessionAsync();
        var alice = await _api.JoinAsync(session, "Alice");
        var bob = await _api.JoinAsync(session, "Bob");
        var quiz = await _api.CreateActiveQuizAsync(session, timeLimit: 5);
        await using var bobHub = await factory.JoinedAsync(session.Id, bob.Token);
        var started = await _api.ActAsync(session, quiz, "start");
        Assert.False(started["locked"]!.GetValue<bool>());

        await QuizTesting.Eventually(async () => (await _api.GetJsonAsync($"/api/v1/activities/{quiz}/quiz", token: alice.Token))["locked"]!.GetValue<bool>(),
            "the deadline to pass", seconds: 20);

        var rest = await _api.SubmitAsync(alice, quiz, new { question_index = 0, option_index = 1 });
        var problem = await Api.ProblemAsync(rest, HttpStatusCode.Conflict);
        Assert.Contains("deadline", problem["detail"]!.GetValue<string>());
        await HubTesting.RefusedAsync(409, () => bobHub.InvokeAsync("SubmitResponse", quiz, new { question_index = 0, option_index = 1 }, "late"));
        var results = await _api.GetJsonAsync($"/api/v1/activities/{quiz}/results", token: alice.Token);
        Assert.Equal(0, results["response_count"]!.GetValue<int>());
    }

    [Fact]
    public async Task AnswerAfterTheReveal_IsRefused_ButARetryOfAnAnswerGivenInTime_IsAnsweredWithTheFirst()
    {
        var session = await _api.CreateSessionAsync();
        var alice = await _api.JoinAsync(session, "Alice");
        var bob = await _api.JoinAsync(session, "Bob");
        var quiz = await _api.CreateActiveQuizAsync(session);
        await _api.ActAsync(session, quiz, "start");
        var first = await Api.ReadAsync(await _api.SubmitAsync(alice, quiz, new { question_index = 0, option_index = 0 }, "a1"), HttpStatusCode.Created);
        // A second answer to the same question is the first one again: answers lock once given.
        var second = await Api.ReadAsync(await _api.SubmitAsync(alice, quiz, new { question_index = 0, option_index = 1 }, "a2"), HttpStatusCode.OK); // a replay
        Assert.Equal(first["id"]!.GetValue<string>(), second["id"]!.GetValue<string>());
        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Put, $"/api/v1/responses/{first["id"]}", new { response_data = new { question_index = 0, option_index = 1 } }, token: alice.Token), HttpStatusCode.Conflict);
        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Delete, $"/api/v1/responses/{first["id"]}", token: alice.Token), HttpStatusCode.Conflict);

        await _api.ActAsync(session, quiz, "reveal");
        await Api.ProblemAsync(await _api.SubmitAsync(bob, quiz, new { question_index = 0, option_index = 1 }), HttpStatusCode.Conflict);
        var retried = await Api.ReadAsync(await _api.SubmitAsync(alice, quiz, new { question_index = 0, option_index = 0 }, "a1"), HttpStatusCode.OK);
        Assert.Equal(first["id"]!.GetValue<string>(), retried["id"]!.GetValue<string>());
        // Out of order host actions are 409 too, and participants cannot act.
        await _api.ActAsync(session, quiz, "reveal", HttpStatusCode.Conflict);
        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Post, $"/api/v1/activities/{quiz}/quiz/actions", new { action = "next" }, token: alice.Token), HttpStatusCode.Forbidden); // a participant is somebody: 403
    }

    [Fact]
    public async Task ClientClaimingAnInstantAnswer_IsCreditedNoLessThanTheServerObservedMinusTheRoundTrip()
    {
        var session = await _api.CreateSessionAsync();
        var alice = await _api.JoinAsync(session, "Alice");
        var quiz = await _api.CreateActiveQuizAsync(session);
        await using var hub = await factory.JoinedAsync(session.Id, alice.Token);
        var ping = await hub.InvokeAsync("Ping");
        var measured = await hub.InvokeAsync("Ping", ping.GetProperty("nonce").GetString());
        var roundTrip = measured.GetProperty("roundTripMs").GetInt64();
        Assert.InRange(roundTrip, 0, 1000);

        await _api.ActAsync(session, quiz, "start");
        await Task.Delay(1500); // the participant thinks; its client then claims it answered at once
        await hub.InvokeAsync("SubmitResponse", quiz, new { question_index = 0, option_index = 1, client_elapsed_ms = 1 }, "lie");

        var responses = await _api.GetJsonAsync($"/api/v1/sessions/{session.Id}/activities/{quiz}/responses", adminCode: session.AdminCode);
        var data = responses["responses"]!.AsArray().Single()!["response_data"]!;
        var observed = data["observed_ms"]!.GetValue<long>();
        // The server's send time and its receipt are stamped by different statements, in whole milliseconds: allow a few.
        Assert.True(observed >= 1490, $"observed {observed} ms after a 1500 ms wait");
        Assert.Equal(1, data["client_elapsed_ms"]!.GetValue<long>());
        Assert.Equal(Math.Max(0, observed - data["round_trip_ms"]!.GetValue<long>()), data["elapsed_ms"]!.GetValue<long>());
        Assert.True(data["elapsed_ms"]!.GetValue<long>() >= 500);

        await _api.ActAsync(session, quiz, "reveal");
        var board = await _api.GetJsonAsync($"/api/v1/activities/{quiz}/leaderboard", token: alice.Token);
        Assert.True(board["me"]!["score"]!.GetValue<int>() < 1000, "a lie about speed earns no full points");
    }

    [Fact]
    public async Task Leaderboard_IsTheSameOnRestHubAndAfterAReconnect_AndTheReconnectingParticipantKeepsScoreAndAnswer()
    {
        var session = await _api.CreateSessionAsync();
        var alice = await _api.JoinAsync(session, "Alice");
        var bob = await _api.JoinAsync(session, "Bob");
        var carol = await _api.JoinAsync(session, "Carol");
        var quiz = await _api.CreateActiveQuizAsync(session);
        await using var host = await factory.JoinedAsync(session.Id, session.AdminCode, version: 2);
        var aliceHub = await factory.JoinedAsync(session.Id, alice.Token, version: 2);
        await using var bobHub = await factory.JoinedAsync(session.Id, bob.Token);

        await _api.ActAsync(session, quiz, "start");
        await aliceHub.InvokeAsync("SubmitResponse", quiz, new { question_index = 0, option_index = 1, client_elapsed_ms = 100 }, "a");
        await bobHub.InvokeAsync("SubmitResponse", quiz, new { question_index = 0, option_indices = new[] { 0 } }, "b");
        await Api.ReadAsync(await _api.SubmitAsync(carol, quiz, new { question_index = 0, option_index = 1 }), HttpStatusCode.Created);
        await _api.ActAsync(session, quiz, "reveal");
        await _api.ActAsync(session, quiz, "leaderboard");
        await host.WaitForSeqAsync(await _api.LastSeqAsync(session.Id));

        var rest = (await _api.GetJsonAsync($"/api/v1/activities/{quiz}/leaderboard", token: alice.Token));
        var restQuiz = await _api.GetJsonAsync($"/api/v1/activities/{quiz}/quiz", adminCode: session.AdminCode);
        var hubQuiz = JsonNode.Parse((await aliceHub.InvokeAsync("GetQuiz", quiz)).GetRawText())!;
        var eventQuiz = JsonNode.Parse(host.Events.Last(e => e.GetProperty("type").GetString() == "quiz.updated").Data().GetRawText())!;
        var entries = rest["leaderboard"]!["entries"]!;
        Assert.Equal(3, entries.AsArray().Count);
        Assert.Equal(["Alice", "Carol", "Bob"], entries.AsArray().Select(e => e!["nickname"]!.GetValue<string>()));
        Assert.Equal(0, entries[2]!["score"]!.GetValue<int>());
        foreach (var other in new[] { restQuiz, hubQuiz, eventQuiz })
            Assert.True(JsonNode.DeepEquals(rest["leaderboard"], other["leaderboard"]), $"{rest["leaderboard"]} vs {other["leaderboard"]}");
        var aliceScore = rest["me"]!["score"]!.GetValue<int>();
        Assert.True(aliceScore > 900);
        Assert.Equal(1, rest["me"]!["rank"]!.GetValue<int>());

        // Question 1 opens; Alice answers, loses her connection, and comes back with the same token.
        await _api.ActAsync(session, quiz, "next");
        await aliceHub.InvokeAsync("SubmitResponse", quiz, new { question_index = 1, option_index = 1 }, "a2");
        await aliceHub.DisposeAsync();
        await using var back = await factory.JoinedAsync(session.Id, alice.Token, version: 2);
        var snapshot = JsonNode.Parse(back.LastJoin!.Value.GetProperty("snapshot").GetProperty("quizzes")[0].GetRawText())!;
        Assert.Equal(aliceScore, snapshot["me"]!["score"]!.GetValue<int>());
        Assert.Equal(1, snapshot["me"]!["rank"]!.GetValue<int>());
        Assert.Equal([1], snapshot["me"]!["answer"]!.AsArray().Select(i => i!.GetValue<int>()));
        Assert.Equal(1, snapshot["question_index"]!.GetValue<int>());

        // Revealed and shown again: the reconnected client's leaderboard is REST's.
        await _api.ActAsync(session, quiz, "reveal");
        await _api.ActAsync(session, quiz, "leaderboard");
        var again = JsonNode.Parse((await back.InvokeAsync("GetQuiz", quiz)).GetRawText())!;
        var restAgain = await _api.GetJsonAsync($"/api/v1/activities/{quiz}/leaderboard");
        Assert.True(JsonNode.DeepEquals(restAgain["leaderboard"], again["leaderboard"]));
        var ended = await _api.ActAsync(session, quiz, "end");
        Assert.Equal("podium", ended["phase"]!.GetValue<string>());
        Assert.Equal("Alice", ended["leaderboard"]!["podium"]![0]!["nickname"]!.GetValue<string>());
    }

    [Fact]
    public async Task AnonymousQuiz_ListsNobody_ButTellsEachParticipantTheirOwnRank()
    {
        var session = await _api.CreateSessionAsync();
        var alice = await _api.JoinAsync(session, "Alice");
        var quiz = await _api.CreateActiveQuizAsync(session, anonymous: true);
        await _api.ActAsync(session, quiz, "start");
        await Api.ReadAsync(await _api.SubmitAsync(alice, quiz, new { question_index = 0, option_index = 1 }), HttpStatusCode.Created);
        await _api.ActAsync(session, quiz, "reveal");
        var shown = await _api.ActAsync(session, quiz, "leaderboard");
        Assert.Empty(shown["leaderboard"]!["entries"]!.AsArray());
        Assert.DoesNotContain("Alice", shown.ToJsonString());
        var mine = await _api.GetJsonAsync($"/api/v1/activities/{quiz}/leaderboard", token: alice.Token);
        Assert.Equal(1, mine["me"]!["rank"]!.GetValue<int>());
    }
}

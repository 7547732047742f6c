using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Conflicto.Tests.Integration.Infrastructure;
using Conflicto.Tests.Integration.Quiz;
using Conflicto.Tests.Integration.Realtime;

namespace Conflicto.Tests.Integration.Summaries;

/// <summary>
/// Winners in the summary of the types whose results name nobody: a quiz's podium (from its
/// standings; none for an anonymous quiz, the host included) and a numeric guess's closest once
/// revealed, on REST for every audience and in the <c>session.summary</c> event.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class WinnerSummaryTests(ConflictoApiFactory factory)
{
    private readonly Api _api = new(factory.CreateClient());

    [Fact]
    public async Task Summary_OfAQuiz_ShowsItsPodiumEverywhere()
    {
        var session = await _api.CreateSessionAsync("Quiz night");
        await using var host = factory.HubClient(session.AdminCode);
        await host.StartAsync();
        await host.JoinAsync(session.Id, afterSeq: 0);
        var ada = await _api.JoinAsync(session, "Ada");
        var bob = await _api.JoinAsync(session, "Bob");
        var quiz = await _api.CreateActiveQuizAsync(session);
        await _api.ActAsync(session, quiz, "start");
        await Api.ReadAsync(await _api.SubmitAsync(ada, quiz, new { question_index = 0, option_index = 1 }), HttpStatusCode.Created); // Paris: right
        await Api.ReadAsync(await _api.SubmitAsync(bob, quiz, new { question_index = 0, option_index = 0 }), HttpStatusCode.Created); // Lyon: wrong
        await _api.ActAsync(session, quiz, "reveal");
        await _api.ActAsync(session, quiz, "end");

        var board = await _api.GetJsonAsync($"/api/v1/activities/{quiz}/leaderboard", adminCode: session.AdminCode);
        var adaScore = board["leaderboard"]!["entries"]!.AsArray().Single(e => e!["nickname"]!.GetValue<string>() == "Ada")!["score"]!.GetValue<double>();
        Assert.True(adaScore > 0);

        foreach (var summary in new[]
        {
            await SummaryAsync(session.Id, adminCode: session.AdminCode), await SummaryAsync(session.Id, token: bob.Token),
            await SummaryAsync(session.Id, joinCode: session.JoinCode),
        })
        {
            var activity = summary.GetProperty("activities").EnumerateArray().Single(a => a.GetProperty("id").GetGuid() == quiz);
            var winners = activity.GetProperty("highlights").GetProperty("winners").EnumerateArray().ToList();
            var winner = Assert.Single(winners); // Bob scored nothing: no place on the podium
            Assert.Equal((1, "Ada", adaScore), (winner.GetProperty("rank").GetInt32(), winner.GetProperty("nickname").GetString(), winner.GetProperty("score").GetDouble()));
            Assert.Equal("Ada", summary.GetProperty("winners")[0].GetProperty("nickname").GetString());
        }

        await Api.ReadAsync(await _api.SendAsync(HttpMethod.Put, $"/api/v1/sessions/{session.Id}", new { status = "completed" }, adminCode: session.AdminCode), HttpStatusCode.OK);
        var pushed = await WaitForSummaryAsync(host);
        Assert.Equal("Ada", pushed.Data().GetProperty("winners")[0].GetProperty("nickname").GetString());
    }

    [Fact]
    public async Task Summary_OfAnAnonymousQuiz_NamesNobody_NotEvenToTheHost()
    {
        var session = await _api.CreateSessionAsync("Anonymous quiz");
        var ada = await _api.JoinAsync(session, "Ada");
        var quiz = await _api.CreateActiveQuizAsync(session, anonymous: true);
        await _api.ActAsync(session, quiz, "start");
        await Api.ReadAsync(await _api.SubmitAsync(ada, quiz, new { question_index = 0, option_index = 1 }), HttpStatusCode.Created);
        await _api.ActAsync(session, quiz, "reveal");
        await _api.ActAsync(session, quiz, "end");

        var summary = await SummaryAsync(session.Id, adminCode: session.AdminCode);
        var activity = summary.GetProperty("activities").EnumerateArray().Single();
        Assert.Equal(1, activity.GetProperty("responses").GetInt32());
        Assert.True(activity.GetProperty("highlights").ValueKind == JsonValueKind.Null
            || activity.GetProperty("highlights").GetProperty("winners").ValueKind == JsonValueKind.Null);
        Assert.Equal(JsonValueKind.Null, summary.GetProperty("winners").ValueKind);
        Assert.DoesNotContain("Ada", summary.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Summary_OfANumericGuess_NamesTheClosestOnlyOnceRevealed()
    {
        var session = await _api.CreateSessionAsync("Guess");
        var ada = await _api.JoinAsync(session, "Ada");
        var bob = await _api.JoinAsync(session, "Bob");
        var config = new JsonObject { ["question"] = "Tower height?", ["min"] = 0, ["max"] = 1000, ["correct_value"] = 324.5 };
        var id = await _api.CreateActiveActivityAsync(session, "numeric", config);
        await Api.ReadAsync(await _api.SubmitAsync(ada, id, new { value = 300 }), HttpStatusCode.Created);
        await Api.ReadAsync(await _api.SubmitAsync(bob, id, new { value = 900 }), HttpStatusCode.Created);

        var before = await SummaryAsync(session.Id, adminCode: session.AdminCode);
        Assert.Equal(JsonValueKind.Null, before.GetProperty("winners").ValueKind);

        config["revealed"] = true;
        await Api.ReadAsync(await _api.SendAsync(HttpMethod.Put, $"/api/v1/activities/{id}", new { config }, adminCode: session.AdminCode), HttpStatusCode.OK);
        await QuizTesting.Eventually(async () =>
            (await SummaryAsync(session.Id, token: bob.Token)).GetProperty("winners") is { ValueKind: JsonValueKind.Array } w && w.GetArrayLength() > 0, "numeric winners");
        var after = await SummaryAsync(session.Id, token: bob.Token);
        var winner = Assert.Single(after.GetProperty("winners").EnumerateArray());
        Assert.Equal((1, "Ada", 300.0), (winner.GetProperty("rank").GetInt32(), winner.GetProperty("nickname").GetString(), winner.GetProperty("score").GetDouble()));
    }

    private async Task<JsonElement> SummaryAsync(int sessionId, string? adminCode = null, string? token = null, string? joinCode = null)
    {
        var url = $"/api/v1/sessions/{sessionId}/summary" + (joinCode is null ? "" : $"?join_code={joinCode}");
        var response = await _api.SendAsync(HttpMethod.Get, url, adminCode: adminCode, token: token);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static async Task<JsonElement> WaitForSummaryAsync(SessionHubClient client)
    {
        await QuizTesting.Eventually(() => Task.FromResult(client.Events.Any(e => e.GetProperty("type").GetString() == "session.summary")), "session.summary", 20);
        return client.Events.First(e => e.GetProperty("type").GetString() == "session.summary");
    }
}

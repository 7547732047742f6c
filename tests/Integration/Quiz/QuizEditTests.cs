using System.Net;
using Conflicto.Tests.Integration.Flow;
using Conflicto.Tests.Integration.Infrastructure;

namespace Conflicto.Tests.Integration.Quiz;

/// <summary>A running quiz's configuration is fixed: PUT /activities/{id} is refused (409) between the first start and the end.</summary>
[Collection(ApiCollection.Name)]
public sealed class QuizEditTests(ConflictoApiFactory factory)
{
    private readonly Api _api = new(factory.CreateClient());

    [Fact]
    public async Task EditingARunningQuiz_Is409WithTheReason_AndChangesNothing_ButLobbyAndEndedQuizzesAreEditable()
    {
        var session = await _api.CreateSessionAsync();
        var quiz = await _api.CreateActiveQuizAsync(session);
        var edited = QuizTesting.Configuration(timeLimit: 45);
        await Api.ReadAsync(await _api.SendAsync(HttpMethod.Put, $"/api/v1/activities/{quiz}", new { config = edited }, adminCode: session.AdminCode), HttpStatusCode.OK);

        await _api.ActAsync(session, quiz, "start");
        foreach (var phase in new[] { "question", "revealed" })
        {
            var refused = await _api.SendAsync(HttpMethod.Put, $"/api/v1/activities/{quiz}", new { config = QuizTesting.Configuration(timeLimit: 5) }, adminCode: session.AdminCode);
            var problem = await Api.ReadAsync(refused, HttpStatusCode.Conflict);
            Assert.Contains("quiz is running", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.Contains($"phase {phase}", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
            await Api.ReadAsync(await _api.SendAsync(HttpMethod.Put, $"/api/v1/activities/{quiz}", new { type = "poll" }, adminCode: session.AdminCode), HttpStatusCode.Conflict);
            if (phase == "question") await _api.ActAsync(session, quiz, "reveal");
        }
        var stored = await _api.GetJsonAsync($"/api/v1/activities/{quiz}", adminCode: session.AdminCode);
        Assert.Equal(45, stored["configuration"]!["questions"]![0]!["time_limit_seconds"]!.GetValue<int>());
        Assert.Equal("quiz", stored["activity_type"]!.GetValue<string>());
        // Not the configuration: the order still moves.
        await Api.ReadAsync(await _api.SendAsync(HttpMethod.Put, $"/api/v1/activities/{quiz}", new { order_index = 3 }, adminCode: session.AdminCode), HttpStatusCode.OK);

        await _api.ActAsync(session, quiz, "end");
        await Api.ReadAsync(await _api.SendAsync(HttpMethod.Put, $"/api/v1/activities/{quiz}", new { config = QuizTesting.Configuration(timeLimit: 5) }, adminCode: session.AdminCode), HttpStatusCode.OK);
    }

    [Fact]
    public async Task AnEditRacingTheStart_EitherLandsBeforeTheStart_OrIsRefused()
    {
        var session = await _api.CreateSessionAsync();
        for (var round = 0; round < 12; round++)
        {
            var quiz = await _api.CreateActiveQuizAsync(session);
            var before = (await _api.EventsAfterAsync(session, 0)).Max(e => e["seq"]!.GetValue<long>());
            var edit = _api.SendAsync(HttpMethod.Put, $"/api/v1/activities/{quiz}", new { config = QuizTesting.Configuration(timeLimit: 7 + round) }, adminCode: session.AdminCode);
            var start = _api.ActAsync(session, quiz, "start");
            var (edited, _) = (await edit, await start);

            var events = await _api.EventsAfterAsync(session, before);
            var started = events.Single(e => e["type"]!.GetValue<string>() == "quiz.updated")["seq"]!.GetValue<long>();
            var updates = events.Where(e => e["type"]!.GetValue<string>() == "activity.updated").Select(e => e["seq"]!.GetValue<long>()).ToList();
            if (edited.StatusCode == HttpStatusCode.OK)
                Assert.True(updates.Count == 1 && updates[0] < started, $"round {round}: the edit was accepted, so it must come before the start (#{started}), but its events are [{string.Join(", ", updates)}]");
            else
            {
                Assert.Equal(HttpStatusCode.Conflict, edited.StatusCode);
                Assert.Empty(updates);
            }
            await _api.ActAsync(session, quiz, "reveal");
            await _api.ActAsync(session, quiz, "end");
        }
    }
}

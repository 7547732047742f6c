using Conflicto.Load.Clients;
using Microsoft.AspNetCore.SignalR.Client;

namespace Conflicto.Load.Scenarios.ReconnectStorm;

/// <summary>
/// <c>--quiz</c>: the storm hits a session with a live quiz, so every resume's snapshot carries
/// its standings (docs/quiz.md). Before the warm-up the host starts question 1, every participant
/// answers it over the hub, the host reveals it and opens question 2 (10 minutes), which stays
/// open through the storm: each join then needs the standings over all answers and players.
/// </summary>
public static class LiveQuiz
{
    public static async Task OpenAsync(ScenarioContext ctx, Classroom.Classroom room, CancellationToken ct)
    {
        var node = ctx.Target.UrlFor(0);
        var question = (string text) => new { text, time_limit_seconds = 600, options = new[] { new { text = "a", correct = true }, new { text = "b", correct = false } } };
        var created = await ctx.Rest.PostAsync(node, $"/api/v1/sessions/{room.SessionId}/activities/framework",
            new { activity_type = "quiz", title = "Storm quiz", configuration = new { questions = new[] { question("One?"), question("Two?") } } }, adminCode: room.AdminCode);
        var quiz = Guid.Parse(created["id"]!.ToString());
        await room.TransitionAsync(quiz, "published", ct);
        await room.TransitionAsync(quiz, "active", ct);
        await ActAsync(ctx, room, quiz, "start");
        await Task.WhenAll(room.Participants.Select(async (client, i) =>
        {
            try
            {
                await client.Connection.InvokeAsync<SubmitAck>("SubmitResponse", quiz, new { question_index = 0, option_index = i % 2, client_elapsed_ms = 1000 + i }, $"q{i}", ct);
            }
            catch (Exception e) { ctx.Metrics.Fail("quiz.answer", e); }
        }));
        await ActAsync(ctx, room, quiz, "reveal");
        await ActAsync(ctx, room, quiz, "next");
    }

    private static Task ActAsync(ScenarioContext ctx, Classroom.Classroom room, Guid quiz, string action) =>
        ctx.Rest.PostAsync(ctx.Target.UrlFor(0), $"/api/v1/activities/{quiz}/quiz/actions", new { action }, adminCode: room.AdminCode);
}

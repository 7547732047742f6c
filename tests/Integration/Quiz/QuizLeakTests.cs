using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Conflicto.Tests.Integration.Infrastructure;
using Conflicto.Tests.Integration.Realtime;
using Microsoft.AspNetCore.SignalR.Client;

namespace Conflicto.Tests.Integration.Quiz;

/// <summary>
/// A quiz's answer key reaches nobody but the host before each question's reveal: not through any
/// GET route of the OpenAPI document (as participant, viewer or anonymous), not through hub events
/// (stream v1 and v2), snapshots, the hub's GetQuiz, nor the REST event log.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed partial class QuizLeakTests(ConflictoApiFactory factory)
{
    private readonly Api _api = new(factory.CreateClient());

    [Fact]
    public async Task CorrectAnswers_ReachNoParticipantOrViewer_BeforeTheReveal_ThroughAnyRouteEventOrSnapshot()
    {
        var session = await _api.CreateSessionAsync();
        var alice = await _api.JoinAsync(session, "Alice");
        await using var aliceV1 = await factory.JoinedAsync(session.Id, alice.Token);
        await using var aliceV2 = await factory.JoinedAsync(session.Id, alice.Token, version: 2);
        await using var viewerV1 = await factory.JoinedAsync(session.Id, null, session.JoinCode);
        await using var viewerV2 = await factory.JoinedAsync(session.Id, null, session.JoinCode, version: 2);

        // Draft, published, active, question 0 open and answered: every stage emits events.
        var quiz = await _api.CreateActivityAsync(session, "quiz", QuizTesting.Configuration(), "Friday quiz");
        await _api.TransitionAsync(session, quiz, "published");
        await _api.TransitionAsync(session, quiz, "active");
        await _api.ActAsync(session, quiz, "start");
        var ack = await aliceV2.InvokeAsync("SubmitResponse", quiz, new { question_index = 0, option_index = 1, client_elapsed_ms = 800 }, "k1");
        var responseId = ack.GetProperty("responseId").GetString()!;
        var lastSeq = await _api.LastSeqAsync(session.Id);
        foreach (var client in new[] { aliceV1, aliceV2, viewerV1, viewerV2 }) await client.WaitForSeqAsync(lastSeq);

        var leaks = new List<string>();
        // Every GET route, as the participant, as a viewer (join code) and anonymously.
        var scanned = await ScanEveryGetRouteAsync(session, alice, quiz, responseId, leaks);
        Assert.Contains("/api/v1/activities/{activityId}", scanned);
        Assert.Contains("/api/v1/activities/{activityId}/quiz", scanned);
        Assert.Contains("/api/v1/sessions/{sessionId}/events", scanned);
        Assert.True(scanned.Count >= 15, $"only {scanned.Count} routes answered: {string.Join(", ", scanned)}");

        // Hub: every event each stream applied, fresh snapshots, and GetQuiz.
        foreach (var (name, client) in new[] { ("alice v1", aliceV1), ("alice v2", aliceV2), ("viewer v1", viewerV1), ("viewer v2", viewerV2) })
        {
            foreach (var e in client.Events) leaks.AddRange(QuizTesting.Leaks(e, $"{name} event {e.GetProperty("type").GetString()}"));
            leaks.AddRange(QuizTesting.Leaks(client.LastJoin!.Value, $"{name} join"));
        }
        Assert.Contains(aliceV2.Events, e => e.GetProperty("type").GetString() == "quiz.updated");
        await using (var again = await factory.JoinedAsync(session.Id, alice.Token, version: 2))
        {
            leaks.AddRange(QuizTesting.Leaks(again.LastJoin!.Value, "alice snapshot"));
            leaks.AddRange(QuizTesting.Leaks(await again.InvokeAsync("GetQuiz", quiz), "alice GetQuiz"));
            var snapshotQuiz = again.LastJoin!.Value.GetProperty("snapshot").GetProperty("quizzes")[0];
            Assert.Equal("Capital of France?", snapshotQuiz.GetProperty("question").GetProperty("text").GetString());
            Assert.Equal([1], snapshotQuiz.GetProperty("me").GetProperty("answer").EnumerateArray().Select(i => i.GetInt32()));
        }
        await using (var viewer = await factory.JoinedAsync(session.Id, null, session.JoinCode))
            leaks.AddRange(QuizTesting.Leaks(viewer.LastJoin!.Value, "viewer snapshot"));
        Assert.Empty(leaks);

        // The host sees its key; after the reveal everyone sees question 0's (the scan can fail), never question 1's.
        var hostView = await _api.GetJsonAsync($"/api/v1/activities/{quiz}", adminCode: session.AdminCode);
        Assert.NotEmpty(QuizTesting.Leaks(hostView, "host"));
        await _api.ActAsync(session, quiz, "reveal");
        var revealSeq = await _api.LastSeqAsync(session.Id);
        await aliceV2.WaitForSeqAsync(revealSeq);
        var reveal = aliceV2.Events.Last(e => e.GetProperty("type").GetString() == "quiz.updated").Data();
        Assert.Equal([1], reveal.GetProperty("reveal").GetProperty("correct_indices").EnumerateArray().Select(i => i.GetInt32()));
        Assert.NotEmpty(QuizTesting.Leaks(reveal, "reveal"));
        var after = await _api.GetJsonAsync($"/api/v1/activities/{quiz}", token: alice.Token);
        Assert.Empty(QuizTesting.Leaks(after, "activity after reveal"));
        Assert.DoesNotContain(QuizTesting.UnstartedMarker, reveal.GetRawText());
    }

    private async Task<IReadOnlyList<string>> ScanEveryGetRouteAsync(Api.Session session, Api.Participant alice, Guid quiz, string responseId, List<string> leaks)
    {
        using var document = JsonDocument.Parse(await _api.Client.GetStringAsync("/openapi/v1.json"));
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["sessionId"] = session.Id.ToString(), ["activityId"] = quiz.ToString(), ["participantId"] = alice.Id.ToString(),
            ["code"] = session.JoinCode, ["joinCode"] = session.JoinCode, ["timestamp"] = "0", ["responseId"] = responseId,
            ["activityType"] = "quiz", ["type"] = "quiz",
        };
        var scanned = new List<string>();
        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject())
        {
            if (!path.Value.TryGetProperty("get", out _)) continue;
            var unresolved = false;
            var url = Parameter().Replace(path.Name, m =>
            {
                if (values.TryGetValue(m.Groups[1].Value, out var value)) return value;
                unresolved = true;
                return m.Value;
            });
            if (unresolved) continue;
            var answered = false;
            foreach (var (who, token, query) in new[] { ("participant", alice.Token, ""), ("viewer", (string?)null, $"join_code={session.JoinCode}"), ("anonymous", (string?)null, "") })
            {
                var full = query.Length == 0 ? url : $"{url}{(url.Contains('?') ? '&' : '?')}{query}";
                var response = await _api.SendAsync(HttpMethod.Get, full, token: token);
                if (response.StatusCode != HttpStatusCode.OK) continue;
                answered = true;
                var text = await response.Content.ReadAsStringAsync();
                if (response.Content.Headers.ContentType?.MediaType?.Contains("json") == true && text.Length > 0)
                    leaks.AddRange(QuizTesting.Leaks(JsonDocument.Parse(text).RootElement.Clone(), $"GET {path.Name} as {who}"));
                else if (text.Contains(QuizTesting.UnstartedMarker, StringComparison.Ordinal))
                    leaks.Add($"GET {path.Name} as {who}: shows the unstarted question");
            }
            if (answered) scanned.Add(path.Name);
        }
        return scanned;
    }

    [GeneratedRegex(@"\{([A-Za-z]+)(:[^}]*)?\}")]
    private static partial Regex Parameter();
}

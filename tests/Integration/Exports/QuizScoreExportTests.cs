using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Conflicto.Tests.Integration.Infrastructure;
using Conflicto.Tests.Integration.Quiz;

namespace Conflicto.Tests.Integration.Exports;

/// <summary>
/// A quiz's final standings in every export format (JSON <c>leaderboard</c>, CSV <c>part=scores</c>,
/// the XLSX "Quiz scores" sheet), each equal to <c>GET /api/v1/activities/{id}/leaderboard</c>.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class QuizScoreExportTests(ConflictoApiFactory factory)
{
    private readonly Api _api = new(factory.CreateClient());

    [Fact]
    public async Task Export_OfAQuiz_HoldsTheLeaderboardInEveryFormat()
    {
        var (session, quiz, _) = await PlayQuizAsync("Friday quiz night", anonymous: false);
        var board = await _api.GetJsonAsync($"/api/v1/activities/{quiz}/leaderboard", adminCode: session.AdminCode);
        var entries = board["leaderboard"]!["entries"]!.AsArray();
        Assert.Equal(["Alice", "Carol", "Bob"], entries.Select(e => e!["nickname"]!.GetValue<string>()));
        Assert.True(entries[0]!["score"]!.GetValue<int>() > entries[1]!["score"]!.GetValue<int>());

        foreach (var url in new[] { $"/api/v1/sessions/{session.Id}/export", $"/api/v1/activities/{quiz}/export" })
        {
            var json = await _api.JsonExportAsync(url, session.AdminCode);
            var activity = json.GetProperty("activities").EnumerateArray().Single(a => a.GetProperty("id").GetGuid() == quiz);
            var leaderboard = JsonNode.Parse(activity.GetProperty("leaderboard").GetRawText())!.AsArray();
            Assert.Equal(entries.Count, leaderboard.Count);
            foreach (var (entry, exported) in entries.Zip(leaderboard))
            {
                foreach (var field in new[] { "rank", "participant_id", "nickname", "score", "correct_answers", "streak" })
                    Assert.True(JsonNode.DeepEquals(entry![field], exported![field]), $"{field}: {entry[field]} vs {exported[field]}");
            }
            Assert.Equal([2, 1, 2], leaderboard.Select(e => e!["answered"]!.GetValue<int>()));
            // Other activities carry no leaderboard.
            Assert.All(json.GetProperty("activities").EnumerateArray().Where(a => a.GetProperty("id").GetGuid() != quiz),
                a => Assert.False(a.TryGetProperty("leaderboard", out _)));

            var (headers, csv) = await _api.CsvExportAsync(url + "?format=csv&part=scores", session.AdminCode);
            Assert.EndsWith("-scores.csv", headers.ContentDisposition?.FileName?.Trim('"'), StringComparison.Ordinal);
            Assert.Equal(["activity_id", "activity_title", "rank", "participant_id", "nickname", "score", "correct_answers", "answered"], csv[0]);
            Assert.Equal(entries.Select(e => new[]
            {
                quiz.ToString(), "Friday quiz", Text(e!["rank"]), Text(e["participant_id"]), Text(e["nickname"]), Text(e["score"]), Text(e["correct_answers"]),
            }), csv.Skip(1).Select(r => r[..7]));
            Assert.Equal(["2", "1", "2"], csv.Skip(1).Select(r => r[7]));

            var workbook = await _api.XlsxExportAsync(url + "?format=xlsx", session.AdminCode);
            Assert.Equal(["Responses", "Results", "Quiz scores"], workbook.SheetNames);
            Assert.Equal(csv, workbook.Text["Quiz scores"]);
        }
    }

    [Fact]
    public async Task Export_OfAnAnonymousQuiz_ListsNobody_AsTheLeaderboardListsNobody()
    {
        var (session, quiz, people) = await PlayQuizAsync("Anonymous quiz", anonymous: true);
        var board = await _api.GetJsonAsync($"/api/v1/activities/{quiz}/leaderboard", adminCode: session.AdminCode);
        Assert.Empty(board["leaderboard"]!["entries"]!.AsArray());

        var url = $"/api/v1/activities/{quiz}/export";
        var json = await _api.JsonExportAsync(url, session.AdminCode);
        Assert.Equal(0, json.GetProperty("activities")[0].GetProperty("leaderboard").GetArrayLength());
        var (_, csv) = await _api.CsvExportAsync(url + "?format=csv&part=scores", session.AdminCode);
        Assert.Single(csv);
        var workbook = await _api.XlsxExportAsync(url + "?format=xlsx", session.AdminCode);
        Assert.Equal(csv, workbook.Text["Quiz scores"]);
        Assert.All(workbook.Text["Responses"].Skip(1), row => Assert.Equal(("", ""), (row[4], row[5])));
        Assert.Equal(6, workbook.Text["Responses"].Count); // the header and five answers
        var everything = string.Join("\n", workbook.Text.Values.SelectMany(rows => rows).Select(r => string.Join(",", r)));
        foreach (var p in people)
        {
            Assert.DoesNotContain(p.Nickname, everything, StringComparison.Ordinal);
            Assert.DoesNotContain(p.Nickname, json.GetRawText(), StringComparison.Ordinal);
        }
    }

    private static string Text(JsonNode? node) => node!.GetValueKind() == JsonValueKind.Number
        ? node.GetValue<int>().ToString(CultureInfo.InvariantCulture) : node.GetValue<string>();

    /// <summary>
    /// Alice, Bob and Carol play both questions: question 1 Alice and Carol right, Bob wrong; question 2
    /// Alice right, Bob wrong, Carol silent. Both revealed, then the podium.
    /// </summary>
    private async Task<(Api.Session Session, Guid Quiz, List<Api.Participant> People)> PlayQuizAsync(string title, bool anonymous)
    {
        var session = await _api.CreateSessionAsync(title);
        var people = new List<Api.Participant>();
        foreach (var name in new[] { "Alice", "Bob", "Carol" }) people.Add(await _api.JoinAsync(session, name));
        var quiz = await _api.CreateActiveQuizAsync(session, anonymous: anonymous);
        await _api.ActAsync(session, quiz, "start");
        foreach (var (p, option) in people.Zip(new[] { 1, 0, 1 }))
            await Api.ReadAsync(await _api.SubmitAsync(p, quiz, new { question_index = 0, option_index = option }), HttpStatusCode.Created);
        await _api.ActAsync(session, quiz, "reveal");
        await _api.ActAsync(session, quiz, "next");
        foreach (var (p, option) in people.Take(2).Zip(new[] { 0, 1 }))
            await Api.ReadAsync(await _api.SubmitAsync(p, quiz, new { question_index = 1, option_index = option }), HttpStatusCode.Created);
        await _api.ActAsync(session, quiz, "reveal");
        await _api.ActAsync(session, quiz, "end");
        return (session, quiz, people);
    }
}

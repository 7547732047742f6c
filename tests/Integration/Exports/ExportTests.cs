using System.Net;
using System.Text;
using System.Text.Json;
using Conflicto.Tests.Integration.Infrastructure;
using Dapper;
using Npgsql;

namespace Conflicto.Tests.Integration.Exports;

/// <summary>
/// <c>GET /api/v1/sessions/{id}/export</c> and <c>/api/v1/activities/{id}/export</c>: the stored
/// responses row by row in CSV and JSON, anonymous activities anonymous, the host's only, and
/// cells a spreadsheet would run as formulas neutralized.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ExportTests(ConflictoApiFactory factory)
{
    private const string Emoji = ExportTesting.Emoji;
    private const string Formula = ExportTesting.Formula;
    private readonly Api _api = new(factory.CreateClient());

    [Fact]
    public async Task Export_JsonAndCsv_EqualTheStoredResponsesRowByRow()
    {
        var (session, activities) = await _api.RunSessionAsync("Année 2026: Ünïcode 🎉 Review");

        var json = await _api.JsonExportAsync($"/api/v1/sessions/{session.Id}/export?format=json", session.AdminCode);
        var (csvHeaders, csv) = await _api.CsvExportAsync($"/api/v1/sessions/{session.Id}/export?format=csv", session.AdminCode);
        var stored = await StoredAsync(session.Id);

        Assert.Equal(activities, json.GetProperty("activities").EnumerateArray().Select(a => a.GetProperty("id").GetGuid()).ToList());
        var exported = json.GetProperty("activities").EnumerateArray().SelectMany(a => a.GetProperty("responses").EnumerateArray()
            .Select(r => (Activity: a.GetProperty("id").GetGuid(), Row: r))).ToList();
        Assert.Equal(stored.Count, exported.Count);
        Assert.Equal(stored.Count, csv.Count - 1);
        Assert.Equal(["activity_id", "activity_title", "activity_type", "response_id", "participant_id", "nickname", "anonymous",
            "submitted_at", "updated_at", "answer", "moderation", "response_data"], csv[0]);
        for (var i = 0; i < stored.Count; i++)
        {
            var (s, (activity, j), c) = (stored[i], exported[i], csv[i + 1]);
            Assert.Equal(s.ActivityId, activity);
            Assert.Equal(s.Id, j.GetProperty("id").GetGuid());
            Assert.Equal(s.Id.ToString(), c[3]);
            Assert.True(JsonElement.DeepEquals(JsonDocument.Parse(s.Data).RootElement, j.GetProperty("response_data")), $"{s.Data} vs {j.GetProperty("response_data")}");
            Assert.True(JsonElement.DeepEquals(JsonDocument.Parse(s.Data).RootElement, JsonDocument.Parse(c[11]).RootElement), $"{s.Data} vs {c[11]}");
            Assert.Equal(s.Anonymous ? null : (int?)s.ParticipantId, j.GetProperty("participant_id").ValueKind == JsonValueKind.Null ? null : (int?)j.GetProperty("participant_id").GetInt32());
            Assert.Equal(s.Anonymous ? "" : s.ParticipantId.ToString(), c[4]);
            Assert.Equal(s.Anonymous ? "" : s.Nickname, c[5]);
            Assert.Equal(s.CreatedAt, j.GetProperty("submitted_at").GetDateTime().ToUniversalTime(), TimeSpan.FromMilliseconds(1));
            Assert.Equal(s.CreatedAt, DateTime.Parse(c[7], null, System.Globalization.DateTimeStyles.AdjustToUniversal), TimeSpan.FromMilliseconds(1));
            Assert.Equal(j.GetProperty("answer").GetString(), c[9].TrimStart('\''));
        }

        // Readable answers: a poll's option texts, a question's text (emoji and all, in both formats).
        Assert.Contains(exported, e => e.Row.GetProperty("answer").GetString() == "Grün");
        Assert.Contains(exported, e => e.Row.GetProperty("answer").GetString() == Emoji);
        Assert.Contains(csv, row => row[9] == Emoji);
        // Results come with each activity: the poll's votes as the results route counts them.
        var poll = json.GetProperty("activities")[0];
        Assert.Equal([2, 1], poll.GetProperty("results").GetProperty("options").EnumerateArray().Select(o => o.GetProperty("votes").GetInt32()));
        Assert.Equal("Année 2026: Ünïcode 🎉 Review", json.GetProperty("session").GetProperty("title").GetString());
        Assert.Contains("attachment", csvHeaders.ContentDisposition!.DispositionType, StringComparison.Ordinal);
        Assert.Equal("conflicto-annee-2026-unicode-review-session-responses.csv", csvHeaders.ContentDisposition.FileName?.Trim('"'));
    }

    [Fact]
    public async Task Export_Csv_IsExcelFriendlyAndNeutralizesFormulas()
    {
        var (session, _) = await _api.RunSessionAsync("Formulas");

        var response = await _api.SendAsync(HttpMethod.Get, $"/api/v1/sessions/{session.Id}/export?format=csv", adminCode: session.AdminCode);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        Assert.EndsWith("\r\n", text, StringComparison.Ordinal);
        var rows = Csv.Parse(text);

        // The formula is text now; so are the other dangerous starts, but a plain negative number stays a number.
        Assert.Contains(rows, r => r[9] == "'" + Formula);
        Assert.Contains(rows, r => r[9] == "'@SUM(1+1)");
        Assert.Contains(rows, r => r[9] == "'+1 agree");
        Assert.Contains(rows, r => r[9] == "-5");
        Assert.DoesNotContain(rows.SelectMany(r => r), cell => cell.Length > 0 && cell[0] is '=' or '+' or '@' || (cell.StartsWith('-') && cell != "-5"));
        // The raw JSON keeps the answer as given (it starts with '{', which no spreadsheet runs).
        Assert.Contains(rows, r => r[11].Contains("HYPERLINK", StringComparison.Ordinal) && r[11].StartsWith('{'));

        var results = Csv.Parse(Encoding.UTF8.GetString((await (await _api.SendAsync(HttpMethod.Get,
            $"/api/v1/sessions/{session.Id}/export?format=csv&part=results", adminCode: session.AdminCode)).Content.ReadAsByteArrayAsync())[3..]));
        Assert.Equal(["activity_id", "activity_title", "activity_type", "field", "value"], results[0]);
        Assert.Contains(results, r => r[3] == "options[1].text" && r[4] == "Grün");
        Assert.Contains(results, r => r[3] == "options[0].votes" && r[4] == "2");
    }

    [Fact]
    public async Task Export_OfAnAnonymousActivity_NamesNoParticipantInAnyFormat()
    {
        var session = await _api.CreateSessionAsync("Secret ballot");
        var people = new List<Api.Participant>();
        foreach (var name in new[] { "Zelda", "Yuri", "Xena" }) people.Add(await _api.JoinAsync(session, name));
        var poll = await _api.CreateActiveActivityAsync(session, "poll", new { question = "Strike?", options = new[] { "Yes", "No" }, anonymous_voting = true });
        for (var i = 0; i < people.Count; i++) await Api.ReadAsync(await _api.SubmitAsync(people[i], poll, new { option_index = i % 2 }), HttpStatusCode.Created);

        foreach (var url in new[] { $"/api/v1/sessions/{session.Id}/export", $"/api/v1/activities/{poll}/export" })
        {
            var json = await _api.JsonExportAsync(url, session.AdminCode);
            var activity = json.GetProperty("activities").EnumerateArray().Single();
            Assert.True(activity.GetProperty("anonymous").GetBoolean());
            Assert.Equal(3, activity.GetProperty("responses").GetArrayLength());
            Assert.All(activity.GetProperty("responses").EnumerateArray(), r =>
            {
                Assert.Equal(JsonValueKind.Null, r.GetProperty("participant_id").ValueKind);
                Assert.Equal(JsonValueKind.Null, r.GetProperty("nickname").ValueKind);
            });
            var (_, csv) = await _api.CsvExportAsync(url + "?format=csv", session.AdminCode);
            Assert.Equal(4, csv.Count);
            Assert.All(csv.Skip(1), row => Assert.Equal(("", "", "true"), (row[4], row[5], row[6])));
            var results = await RawAsync(url + "?format=csv&part=results", session.AdminCode);
            var workbook = await _api.XlsxExportAsync(url + "?format=xlsx", session.AdminCode);
            Assert.Equal(["Responses", "Results"], workbook.SheetNames);
            Assert.Equal(4, workbook.Text["Responses"].Count);
            Assert.All(workbook.Text["Responses"].Skip(1), row => Assert.Equal(("", "", "true"), (row[4], row[5], row[6])));
            var sheets = workbook.Text.Values.SelectMany(rows => rows).Select(r => string.Join(",", r));
            foreach (var text in new[] { json.GetRawText(), string.Join("\n", csv.Select(r => string.Join(",", r))), results, string.Join("\n", sheets) })
            {
                foreach (var p in people)
                {
                    Assert.DoesNotContain(p.Nickname, text, StringComparison.Ordinal);
                    Assert.DoesNotContain($"\"participant_id\":{p.Id}", text, StringComparison.Ordinal);
                }
            }
        }
    }

    [Fact]
    public async Task Export_IsTheHostsOnly()
    {
        var session = await _api.CreateSessionAsync();
        var other = await _api.CreateSessionAsync();
        var ada = await _api.JoinAsync(session, "Ada");
        var poll = await _api.CreateActiveActivityAsync(session, "poll", new { question = "Q?", options = new[] { "A", "B" } });

        foreach (var url in new[] { $"/api/v1/sessions/{session.Id}/export", $"/api/v1/activities/{poll}/export" })
        {
            foreach (var format in new[] { "", "?format=csv", "?format=xlsx", "?format=csv&part=scores" })
            {
                await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Get, url + format), HttpStatusCode.Unauthorized);
                await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Get, url + format, token: ada.Token), HttpStatusCode.Forbidden);
                await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Get, url + (format == "" ? "?" : format + "&") + $"join_code={session.JoinCode}"), HttpStatusCode.Forbidden);
                await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Get, url + format, adminCode: other.AdminCode), HttpStatusCode.Forbidden);
            }
            await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Get, url + "?format=xml", adminCode: session.AdminCode), HttpStatusCode.UnprocessableEntity);
            await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Get, url + "?format=csv&part=everything", adminCode: session.AdminCode), HttpStatusCode.UnprocessableEntity);
            // part is the CSV's: a workbook or a JSON document holds every part.
            foreach (var query in new[] { "?format=xlsx&part=results", "?format=xlsx&part=responses", "?format=json&part=scores", "?part=scores" })
            {
                var problem = await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Get, url + query, adminCode: session.AdminCode), HttpStatusCode.UnprocessableEntity);
                Assert.Contains("part", problem.ToJsonString(), StringComparison.Ordinal);
            }
        }
        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Get, "/api/v1/sessions/999999999/export", adminCode: session.AdminCode), HttpStatusCode.NotFound);
        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Get, $"/api/v1/activities/{Guid.NewGuid()}/export", adminCode: session.AdminCode), HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.OK, (await _api.SendAsync(HttpMethod.Get, $"/api/v1/activities/{poll}/export", adminCode: session.AdminCode)).StatusCode);
    }

    [Fact]
    public async Task Export_ShowsQuizRankingScaleAndNumericAnswersReadably()
    {
        var session = await _api.CreateSessionAsync("New types");
        var ada = await _api.JoinAsync(session, "Ada");
        var bob = await _api.JoinAsync(session, "Bob");
        var quiz = await _api.CreateActiveActivityAsync(session, "quiz", Quiz.QuizTesting.Configuration(), title: "Quiz");
        await Quiz.QuizTesting.ActAsync(_api, session, quiz, "start");
        await Api.ReadAsync(await _api.SubmitAsync(ada, quiz, new { question_index = 0, option_index = 1 }), HttpStatusCode.Created);
        await Api.ReadAsync(await _api.SubmitAsync(bob, quiz, new { question_index = 0, option_index = 2 }), HttpStatusCode.Created);
        var ranking = await _api.CreateActiveActivityAsync(session, "ranking", new { question = "Order", items = new[] { "A", "B", "C" } }, title: "Ranking");
        await Api.ReadAsync(await _api.SubmitAsync(ada, ranking, new { order = new[] { 1, 0, 2 } }), HttpStatusCode.Created);
        var scale = await _api.CreateActiveActivityAsync(session, "scale", new { question = "Rate", scale_max = 5 }, title: "Scale");
        await Api.ReadAsync(await _api.SubmitAsync(ada, scale, new { rating = 4 }), HttpStatusCode.Created);
        var numeric = await _api.CreateActiveActivityAsync(session, "numeric", new { question = "Height?", min = 0, max = 1000, unit = "m" }, title: "Numeric");
        await Api.ReadAsync(await _api.SubmitAsync(ada, numeric, new { value = 324.5 }), HttpStatusCode.Created);

        var (_, csv) = await _api.CsvExportAsync($"/api/v1/sessions/{session.Id}/export?format=csv", session.AdminCode);
        var answers = csv.Skip(1).Select(r => (Type: r[2], Nickname: r[5], Answer: r[9])).ToList();
        Assert.Contains(("quiz", "Ada", "Q1: Paris (correct)"), answers);
        Assert.Contains(("quiz", "Bob", "Q1: Nice (wrong)"), answers);
        Assert.Contains(("ranking", "Ada", "B > A > C"), answers);
        Assert.Contains(("scale", "Ada", "4/5"), answers);
        Assert.Contains(("numeric", "Ada", "324.5 m"), answers);
        var json = await _api.JsonExportAsync($"/api/v1/activities/{quiz}/export", session.AdminCode);
        var texts = json.GetProperty("activities")[0].GetProperty("responses").EnumerateArray().Select(r => r.GetProperty("answer").GetString()).ToList();
        Assert.Equal(["Q1: Nice (wrong)", "Q1: Paris (correct)"], texts.Order(StringComparer.Ordinal).ToList());
    }

    private sealed record Stored(Guid Id, Guid ActivityId, int ParticipantId, string Nickname, bool Anonymous, string Data, DateTime CreatedAt);

    /// <summary>The session's responses as the database holds them, in the export's order (activities in order, then answers as given).</summary>
    private async Task<List<Stored>> StoredAsync(int sessionId)
    {
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        var rows = await connection.QueryAsync<(Guid Id, Guid ActivityId, int ParticipantId, string Nickname, bool Anonymous, string Data, DateTime CreatedAt)>("""
            select r.id, r.activity_id, r.participant_id, p.nickname, r.anonymous, r.response_data::text, r.created_at
            from user_responses r join activities a on a.id = r.activity_id join participants p on p.id = r.participant_id
            where r.session_id = @sessionId order by a.order_index, a.created_at, a.id, r.created_at, r.id
            """, new { sessionId });
        return rows.Select(r => new Stored(r.Id, r.ActivityId, r.ParticipantId, r.Nickname, r.Anonymous, r.Data, DateTime.SpecifyKind(r.CreatedAt, DateTimeKind.Utc))).ToList();
    }

    private async Task<string> RawAsync(string url, string adminCode)
    {
        var response = await _api.SendAsync(HttpMethod.Get, url, adminCode: adminCode);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }
}

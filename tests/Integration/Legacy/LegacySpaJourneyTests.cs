using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Conflicto.Tests.Integration.Infrastructure;

namespace Conflicto.Tests.Integration.Legacy;

/// <summary>
/// The server as the first Conflicto's SPA meets it: a site of its own origin, rate limits and
/// background analysis on, as in production.
/// </summary>
public sealed class LegacySpaApiFactory() : ConfiguredApiFactory(new Dictionary<string, string>
{
    ["Cors:AllowedOrigins:0"] = LegacySpaJourneyTests.SpaOrigin,
    ["RateLimits:Enabled"] = "true",
    ["Processing:Enabled"] = "true",
});

/// <summary>
/// Issue #9's "done when": a client written for the first Conflicto runs a poll, a Q&amp;A and a word
/// cloud, changing only the credentials it sends. Every call goes the way a browser on another
/// origin sends it (a CORS preflight, then the request with <c>Origin</c>), with the legacy
/// request and response shapes of shared/legacy-clients.md.
/// </summary>
public sealed class LegacySpaJourneyTests(LegacySpaApiFactory factory) : IClassFixture<LegacySpaApiFactory>
{
    public const string SpaOrigin = "http://localhost:3000";
    private readonly HttpClient _http = factory.CreateClient();

    [Fact]
    public async Task LegacySpa_RunsAPollAQnaAndAWordCloud_FromItsOwnOrigin_ChangingOnlyItsCredentials()
    {
        var session = await SendAsync(HttpMethod.Post, "/api/v1/sessions/", new { title = "Friday class", max_participants = 40 }, expected: HttpStatusCode.Created);
        var sessionId = session["id"]!.GetValue<int>();
        var admin = session["admin_code"]!.GetValue<string>();
        var poll = await CreateAsync(sessionId, admin, "poll", new { question = "Favourite colour?", options = new[] { "Red", "Blue", "Green" }, allow_multiple_choice = false });
        var qna = await CreateAsync(sessionId, admin, "qna", new { topic = "Ask me anything", enable_voting = true });
        var cloud = await CreateAsync(sessionId, admin, "word_cloud", new { prompt = "One word for today", max_words_per_submission = 2, banned_words = new[] { "boring" } });

        var names = new[] { "Ada", "Grace", "Linus" };
        var tokens = new List<string>();
        foreach (var name in names)
        {
            var check = await SendAsync(HttpMethod.Get, $"/api/v1/sessions/{sessionId}/nicknames/validate?nickname={name}");
            Assert.True(check["available"]!.GetValue<bool>());
            var joined = await SendAsync(HttpMethod.Post, $"/api/v1/sessions/{sessionId}/join", new { nickname = name });
            Assert.Equal(JsonValueKind.String, joined["participant_id"]!.GetValueKind()); // the legacy SPA keeps it as a string
            tokens.Add(joined["participant_token"]!.GetValue<string>());
        }

        // The poll: one vote each, read back as poll_results.
        await OpenAsync(sessionId, admin, poll);
        string[] picks = ["Blue", "Blue", "Red"];
        for (var i = 0; i < names.Length; i++) await AnswerAsync(sessionId, poll, tokens[i], new { selected_options = new[] { picks[i] } });
        var pollResults = await ResultsAsync(poll);
        Assert.Equal("poll_results", pollResults["type"]!.GetValue<string>());
        Assert.Equal(picks.Length, pollResults["total_responses"]!.GetValue<int>());
        foreach (var option in new[] { "Red", "Blue", "Green" })
        {
            var votes = picks.Count(p => p == option);
            Assert.Equal(votes, pollResults["vote_counts"]![option]!.GetValue<int>());
            Assert.Equal(Math.Round(votes * 100.0 / picks.Length, 1), pollResults["percentages"]![option]!.GetValue<double>());
        }
        Assert.Equal(["Blue"], pollResults["most_popular"]!.AsArray().Select(o => o!.GetValue<string>()));

        // The Q&A: opening it closes the poll; two questions, the second gets two votes.
        await OpenAsync(sessionId, admin, qna);
        Assert.Equal("completed", (await SendAsync(HttpMethod.Get, $"/api/v1/activities/{poll}"))["status"]!.GetValue<string>());
        var first = await AnswerAsync(sessionId, qna, tokens[0], new { type = "question", question_text = "When is the exam?" });
        var second = await AnswerAsync(sessionId, qna, tokens[1], new { type = "question", question_text = "Will there be pizza?" });
        await AnswerAsync(sessionId, qna, tokens[0], new { type = "vote", question_id = second });
        await AnswerAsync(sessionId, qna, tokens[2], new { type = "vote", question_id = second });
        var qnaResults = await ResultsAsync(qna);
        Assert.Equal("qna_results", qnaResults["type"]!.GetValue<string>());
        Assert.Equal(2, qnaResults["total_questions"]!.GetValue<int>());
        Assert.Equal(2, qnaResults["total_votes"]!.GetValue<int>());
        var approved = qnaResults["approved_questions"]!.AsArray();
        Assert.Equal([second, first], approved.Select(q => q!["id"]!.GetValue<string>()));
        Assert.Equal([2, 0], approved.Select(q => q!["vote_count"]!.GetValue<int>()));
        Assert.Equal(second, qnaResults["most_popular_question"]!["id"]!.GetValue<string>());

        // The word cloud: the legacy rules refuse a banned word; accepted words are normalised.
        await OpenAsync(sessionId, admin, cloud);
        var refused = await SendAsync(HttpMethod.Post, Responses(sessionId, cloud), new { response_data = new { words = new[] { "Boring" } } },
            token: tokens[0], expected: HttpStatusCode.UnprocessableEntity);
        Assert.Equal(422, refused["status"]!.GetValue<int>());
        await AnswerAsync(sessionId, cloud, tokens[0], new { words = new[] { "Sunny!", "calm" } });
        await AnswerAsync(sessionId, cloud, tokens[1], new { words = new[] { "sunny" } });
        var cloudResults = await ResultsAsync(cloud);
        Assert.Equal("word_cloud_results", cloudResults["type"]!.GetValue<string>());
        Assert.Equal(2, cloudResults["word_frequencies"]!["sunny"]!.GetValue<int>());
        Assert.Equal(1, cloudResults["word_frequencies"]!["calm"]!.GetValue<int>());
        Assert.Equal(3, cloudResults["total_word_submissions"]!.GetValue<int>());
        Assert.Equal("sunny", cloudResults["word_cloud_data"]![0]!["word"]!.GetValue<string>());

        // The host ends the class: the open word cloud closes with it and takes no more answers.
        await SendAsync(HttpMethod.Put, $"/api/v1/sessions/{sessionId}", new { status = "completed" }, adminCode: admin);
        Assert.Equal("completed", (await SendAsync(HttpMethod.Get, $"/api/v1/activities/{cloud}"))["status"]!.GetValue<string>());
        await SendAsync(HttpMethod.Post, Responses(sessionId, cloud), new { response_data = new { words = new[] { "late" } } },
            token: tokens[2], expected: HttpStatusCode.Conflict);
        Assert.Null((await SendAsync(HttpMethod.Get, $"/api/v1/sessions/{sessionId}/status"))["current_activity_id"]);
    }

    private async Task<string> CreateAsync(int sessionId, string admin, string type, object configuration) =>
        (await SendAsync(HttpMethod.Post, $"/api/v1/sessions/{sessionId}/activities/framework",
            new { activity_type = type, title = type, configuration }, adminCode: admin, expected: HttpStatusCode.Created))["id"]!.GetValue<string>();

    /// <summary>Publishes and opens an activity, then checks every view of the current activity names it.</summary>
    private async Task OpenAsync(int sessionId, string admin, string activity)
    {
        await SendAsync(HttpMethod.Post, $"/api/v1/activities/{activity}/transition", new { target_state = "published" }, adminCode: admin);
        await SendAsync(HttpMethod.Post, $"/api/v1/activities/{activity}/transition", new { target_state = "active" }, adminCode: admin);
        Assert.Equal(activity, (await SendAsync(HttpMethod.Get, $"/api/v1/sessions/{sessionId}/status"))["current_activity_id"]!.GetValue<string>());
        Assert.Equal(activity, (await SendAsync(HttpMethod.Get, $"/api/v1/sessions/{sessionId}/activities/active"))["id"]!.GetValue<string>());
    }

    private async Task<string> AnswerAsync(int sessionId, string activity, string token, object data) =>
        (await SendAsync(HttpMethod.Post, Responses(sessionId, activity), new { response_data = data }, token: token, expected: HttpStatusCode.Created))["id"]!.GetValue<string>();

    private async Task<JsonNode> ResultsAsync(string activity) => (await SendAsync(HttpMethod.Get, $"/api/v1/activities/{activity}/results"))["results"]!;

    private static string Responses(int sessionId, string activity) => $"/api/v1/sessions/{sessionId}/activities/{activity}/responses";

    /// <summary>
    /// What a browser does for the SPA's fetch with <c>Content-Type: application/json</c>: a preflight
    /// that must allow the method and headers, then the request, whose answer must be readable by the page.
    /// </summary>
    private async Task<JsonNode> SendAsync(HttpMethod method, string url, object? body = null, string? adminCode = null, string? token = null,
        HttpStatusCode expected = HttpStatusCode.OK)
    {
        var headers = new List<string> { "content-type" };
        if (adminCode is not null) headers.Add("x-admin-code");
        if (token is not null) headers.Add("authorization");
        using (var preflight = new HttpRequestMessage(HttpMethod.Options, url))
        {
            preflight.Headers.Add("Origin", SpaOrigin);
            preflight.Headers.Add("Access-Control-Request-Method", method.Method);
            preflight.Headers.Add("Access-Control-Request-Headers", string.Join(",", headers));
            var allowed = await _http.SendAsync(preflight);
            Assert.True(allowed.StatusCode == HttpStatusCode.NoContent, $"preflight of {method} {url}: {(int)allowed.StatusCode}");
            Assert.Equal(SpaOrigin, allowed.Headers.GetValues("Access-Control-Allow-Origin").Single());
        }

        using var request = new HttpRequestMessage(method, url);
        request.Headers.Add("Origin", SpaOrigin);
        if (body is not null) request.Content = JsonContent.Create(body, options: Api.Json);
        if (adminCode is not null) request.Headers.Add("X-Admin-Code", adminCode);
        if (token is not null) request.Headers.Authorization = new("Bearer", token);
        var response = await _http.SendAsync(request);
        Assert.Equal(SpaOrigin, response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        return await Api.ReadAsync(response, expected);
    }
}

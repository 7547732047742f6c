using System.Net;
using System.Text.Json;
using Conflicto.Tests.Integration.Infrastructure;
using Conflicto.Tests.Integration.Realtime;

namespace Conflicto.Tests.Integration.Summaries;

/// <summary>
/// <c>GET /api/v1/sessions/{id}/summary</c> and the <c>session.summary</c> event: the figures of a
/// scripted session, pushed once when it completes, cut per audience (drafts, hidden results and
/// anonymous winners stay the host's), with a participant's own part.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class SessionSummaryTests(ConflictoApiFactory factory)
{
    private readonly Api _api = new(factory.CreateClient());

    [Fact]
    public async Task Summary_OfAScriptedSession_CountsParticipationWordsQuestionsAndTimeline()
    {
        var (session, people, ids) = await RunSessionAsync();

        var summary = await SummaryAsync(session.Id, adminCode: session.AdminCode);

        Assert.Equal("host", summary.GetProperty("view").GetString());
        Assert.Equal(4, summary.GetProperty("participants").GetProperty("joined").GetInt32());
        Assert.Equal(3, summary.GetProperty("participants").GetProperty("answered").GetInt32());
        var activities = summary.GetProperty("activities").EnumerateArray().ToList();
        Assert.Equal([ids.Poll, ids.Words, ids.Qa, ids.Draft], activities.Select(a => a.GetProperty("id").GetGuid()));
        var poll = activities[0];
        Assert.Equal((3, 3, 0.75), (poll.GetProperty("responses").GetInt32(), poll.GetProperty("participants").GetInt32(), poll.GetProperty("participation").GetDouble()));
        Assert.Equal("Blue", poll.GetProperty("highlights").GetProperty("leading").EnumerateArray().Single().GetProperty("text").GetString());
        var words = activities[1].GetProperty("highlights").GetProperty("top_words").EnumerateArray().ToList();
        Assert.Equal(("calm", 2), (words[0].GetProperty("text").GetString(), words[0].GetProperty("count").GetInt32()));
        Assert.Equal(2, activities[1].GetProperty("participants").GetInt32());
        // Q&A: two questions and one upvote are three responses by two people; the upvoted question leads.
        Assert.Equal((3, 2), (activities[2].GetProperty("responses").GetInt32(), activities[2].GetProperty("participants").GetInt32()));
        var top = activities[2].GetProperty("highlights").GetProperty("top_questions").EnumerateArray().ToList();
        Assert.Equal(("Why 42?", 1), (top[0].GetProperty("text").GetString(), top[0].GetProperty("upvotes").GetInt32()));
        Assert.Equal(2, top.Count);
        Assert.Equal(0, activities[3].GetProperty("responses").GetInt32());
        Assert.Equal(8, summary.GetProperty("response_count").GetInt32());

        // The timeline: started, each activity opened then closed in order, completed last.
        var timeline = summary.GetProperty("timeline").EnumerateArray().Select(t => (t.GetProperty("kind").GetString(), t.GetProperty("activity_id").ValueKind == JsonValueKind.Null ? (Guid?)null : t.GetProperty("activity_id").GetGuid())).ToList();
        Assert.Equal([("activity_opened", ids.Poll), ("activity_closed", ids.Poll), ("activity_opened", ids.Words), ("activity_closed", ids.Words),
            ("activity_opened", ids.Qa), ("activity_closed", ids.Qa), ("session_completed", null)], timeline.Where(t => t.Item1 != "session_started").ToList());
        Assert.Equal(4, summary.GetProperty("joins").EnumerateArray().Sum(j => j.GetProperty("joins").GetInt32()));
        Assert.Equal(JsonValueKind.Null, summary.GetProperty("you").ValueKind);
    }

    [Fact]
    public async Task Summary_IsPushedOnceAsAnEventWhenTheSessionCompletes_AndEqualsThePublicCut()
    {
        var session = await _api.CreateSessionAsync("Pushed");
        await using var host = factory.HubClient(session.AdminCode);
        await host.StartAsync();
        await host.JoinAsync(session.Id, afterSeq: 0);
        var ada = await _api.JoinAsync(session, "Ada");
        await using var participant = await factory.JoinedAsync(session.Id, ada.Token);
        var poll = await _api.CreateActiveActivityAsync(session, "poll", new { question = "Q?", options = new[] { "A", "B" } });
        await Api.ReadAsync(await _api.SubmitAsync(ada, poll, new { option_index = 1 }), HttpStatusCode.Created);
        await _api.CreateActivityAsync(session, "poll", new { question = "Secret draft?", options = new[] { "X", "Y" } }, title: "Draft");

        await Api.ReadAsync(await _api.SendAsync(HttpMethod.Put, $"/api/v1/sessions/{session.Id}", new { status = "completed" }, adminCode: session.AdminCode), HttpStatusCode.OK);

        var pushed = await WaitForSummaryAsync(host);
        var seen = await WaitForSummaryAsync(participant);
        Assert.Equal(pushed.GetProperty("seq").GetInt64(), seen.GetProperty("seq").GetInt64());
        var data = pushed.Data();
        Assert.Equal("public", data.GetProperty("view").GetString());
        Assert.Equal("completed", data.GetProperty("status").GetString());
        var activity = data.GetProperty("activities").EnumerateArray().Single(); // the draft is the host's
        Assert.Equal(poll, activity.GetProperty("id").GetGuid());
        Assert.Equal(1, activity.GetProperty("responses").GetInt32());
        Assert.Equal("B", activity.GetProperty("highlights").GetProperty("leading")[0].GetProperty("text").GetString());
        Assert.DoesNotContain("Secret draft", data.GetRawText(), StringComparison.Ordinal);
        // It is the last event of the log, seq and all, and a second completion pushes no second one.
        Assert.Equal(await _api.LastSeqAsync(session.Id), pushed.GetProperty("seq").GetInt64());
        await Api.ReadAsync(await _api.SendAsync(HttpMethod.Put, $"/api/v1/sessions/{session.Id}", new { status = "completed" }, adminCode: session.AdminCode), HttpStatusCode.OK);
        await host.WaitForSeqAsync(await _api.LastSeqAsync(session.Id));
        await Task.Delay(500); // a duplicate would be appended right after the second status event
        Assert.Single(host.Events, e => e.GetProperty("type").GetString() == "session.summary");

        // REST agrees with the event, apart from when it was made; the participant's cut adds its own part.
        var rest = await SummaryAsync(session.Id, joinCode: session.JoinCode);
        Assert.Equal("viewer", rest.GetProperty("view").GetString());
        Assert.Equal(data.GetProperty("activities").GetRawText(), rest.GetProperty("activities").GetRawText());
        var own = await SummaryAsync(session.Id, token: ada.Token);
        Assert.Equal(1, own.GetProperty("you").GetProperty("activities_answered").GetInt32());
        Assert.Equal(ada.Id, own.GetProperty("you").GetProperty("participant_id").GetInt32());
    }

    [Fact]
    public async Task Summary_ForTheAudience_HidesDraftsHiddenResultsAndAnonymousWinners()
    {
        var session = await _api.CreateSessionAsync("Cuts");
        var ada = await _api.JoinAsync(session, "Ada");
        var hidden = await _api.CreateActiveActivityAsync(session, "poll", new { question = "Hidden?", options = new[] { "A", "B" }, show_results = false }, title: "Hidden");
        await Api.ReadAsync(await _api.SubmitAsync(ada, hidden, new { option_index = 0 }), HttpStatusCode.Created);
        await _api.CreateActivityAsync(session, "poll", new { question = "Draft?", options = new[] { "A", "B" } }, title: "Draft");

        var host = await SummaryAsync(session.Id, adminCode: session.AdminCode);
        var participant = await SummaryAsync(session.Id, token: ada.Token);

        Assert.Equal(2, host.GetProperty("activities").GetArrayLength());
        Assert.True(host.GetProperty("activities")[0].GetProperty("results_hidden").GetBoolean());
        Assert.NotEqual(JsonValueKind.Null, host.GetProperty("activities")[0].GetProperty("highlights").ValueKind);
        var shown = participant.GetProperty("activities").EnumerateArray().Single();
        Assert.Equal(hidden, shown.GetProperty("id").GetGuid());
        Assert.Equal(1, shown.GetProperty("responses").GetInt32());
        Assert.Equal(JsonValueKind.Null, shown.GetProperty("highlights").ValueKind);
        Assert.Equal("participant", participant.GetProperty("view").GetString());
    }

    [Fact]
    public async Task Summary_Refusals_FollowTheEventLogsRules()
    {
        var session = await _api.CreateSessionAsync();
        var other = await _api.CreateSessionAsync();
        var stranger = await _api.JoinAsync(other, "Eve");
        var url = $"/api/v1/sessions/{session.Id}/summary";

        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Get, url), HttpStatusCode.Unauthorized);
        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Get, url, token: stranger.Token), HttpStatusCode.Forbidden);
        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Get, $"{url}?join_code={other.JoinCode}"), HttpStatusCode.Forbidden);
        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Get, url, adminCode: other.AdminCode), HttpStatusCode.Forbidden);
        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Get, "/api/v1/sessions/999999999/summary", adminCode: session.AdminCode), HttpStatusCode.NotFound);
    }

    private sealed record Ids(Guid Poll, Guid Words, Guid Qa, Guid Draft);

    /// <summary>Four join (Dee answers nothing); a poll, a word cloud and a Q&amp;A run in turn; a draft never runs; the session completes.</summary>
    private async Task<(Api.Session, List<Api.Participant>, Ids)> RunSessionAsync()
    {
        var session = await _api.CreateSessionAsync("Summed up");
        await Api.ReadAsync(await _api.SendAsync(HttpMethod.Put, $"/api/v1/sessions/{session.Id}", new { status = "active" }, adminCode: session.AdminCode), HttpStatusCode.OK);
        var people = new List<Api.Participant>();
        foreach (var name in new[] { "Ada", "Bob", "Cy", "Dee" }) people.Add(await _api.JoinAsync(session, name));
        var poll = await _api.CreateActiveActivityAsync(session, "poll", new { question = "Colour?", options = new[] { "Red", "Blue" } }, title: "Colour");
        foreach (var (p, i) in people.Take(3).Zip(new[] { 1, 1, 0 })) await Api.ReadAsync(await _api.SubmitAsync(p, poll, new { option_index = i }), HttpStatusCode.Created);
        var words = await _api.CreateActiveActivityAsync(session, "word_cloud", new { prompt = "Mood?" }, title: "Mood");
        foreach (var (p, w) in people.Take(2).Zip(new[] { "calm", "calm" })) await Api.ReadAsync(await _api.SubmitAsync(p, words, new { word = w }), HttpStatusCode.Created);
        var qa = await _api.CreateActiveActivityAsync(session, "qa", new { }, title: "Questions");
        var asked = await Api.ReadAsync(await _api.SubmitAsync(people[0], qa, new { question = "Why 42?" }), HttpStatusCode.Created);
        await Api.ReadAsync(await _api.SubmitAsync(people[0], qa, new { question = "When lunch?" }), HttpStatusCode.Created);
        await Api.ReadAsync(await _api.SubmitAsync(people[1], qa, new { upvote = asked["id"]!.GetValue<string>() }), HttpStatusCode.Created);
        var draft = await _api.CreateActivityAsync(session, "poll", new { question = "Later?", options = new[] { "A", "B" } }, title: "Later");
        await Api.ReadAsync(await _api.SendAsync(HttpMethod.Put, $"/api/v1/sessions/{session.Id}", new { status = "completed" }, adminCode: session.AdminCode), HttpStatusCode.OK);
        return (session, people, new Ids(poll, words, qa, draft));
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
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if (client.Events.FirstOrDefault(e => e.GetProperty("type").GetString() == "session.summary") is { ValueKind: JsonValueKind.Object } found) return found;
            await Task.Delay(50);
        }
        throw new Xunit.Sdk.XunitException($"no session.summary event; got {string.Join(", ", client.Events.Types())}");
    }
}

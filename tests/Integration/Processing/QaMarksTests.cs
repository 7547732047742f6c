using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Conflicto.Tests.Integration.Infrastructure;
using Conflicto.Tests.Integration.Realtime;
using Microsoft.AspNetCore.SignalR.Client;

namespace Conflicto.Tests.Integration.Processing;

/// <summary>The host pins a Q&amp;A question or marks it answered: results reorder over REST and on the hub, and the log records it.</summary>
[Collection(ApiCollection.Name)]
public sealed class QaMarksTests(ConflictoApiFactory factory)
{
    private readonly Api _api = new(factory.CreateClient());

    /// <summary>A Q&amp;A of either id with its own shapes of question and upvote.</summary>
    private sealed record Qa(Api.Session Session, Guid Id, string Type, Api.Participant[] People);

    private async Task<Qa> QaAsync(string type)
    {
        var session = await _api.CreateSessionAsync();
        var people = new[] { await _api.JoinAsync(session, "Ann"), await _api.JoinAsync(session, "Bob"), await _api.JoinAsync(session, "Cy") };
        object config = type == "qna" ? new { topic = "Ask me anything", allow_anonymous = true } : new { topic = "Ask me anything" };
        return new Qa(session, await _api.CreateActiveActivityAsync(session, type, config), type, people);
    }

    private async Task<Guid> AskAsync(Qa qa, Api.Participant who, string text, bool anonymous = false)
    {
        object data = qa.Type == "qna" ? new { type = "question", question_text = text, anonymous } : new { question = text };
        return await IdOfAsync(await _api.SubmitAsync(who, qa.Id, data));
    }

    private async Task<Guid> UpvoteAsync(Qa qa, Api.Participant who, Guid question)
    {
        object data = qa.Type == "qna" ? new { type = "vote", question_id = question } : new { upvote = question };
        return await IdOfAsync(await _api.SubmitAsync(who, qa.Id, data));
    }

    private static async Task<Guid> IdOfAsync(HttpResponseMessage response) =>
        Guid.Parse((await Api.ReadAsync(response, HttpStatusCode.Created))["id"]!.GetValue<string>());

    private Task<HttpResponseMessage> MarkAsync(Guid response, object? body, string? adminCode = null, string? token = null) =>
        _api.SendAsync(HttpMethod.Put, $"/api/v1/responses/{response}/qa", body, adminCode: adminCode, token: token);

    private async Task<JsonNode> MarkedAsync(Qa qa, Guid response, object body) =>
        await Api.ReadAsync(await MarkAsync(response, body, qa.Session.AdminCode), HttpStatusCode.OK);

    private async Task<JsonNode> ResultsAsync(Guid activity) => (await _api.GetJsonAsync($"/api/v1/activities/{activity}/results"))["results"]!;

    /// <summary>(id, pinned, answered) per question, in the order listed.</summary>
    private static List<(Guid Id, bool Pinned, bool Answered)> Marks(JsonNode list) =>
        list.AsArray().Select(q => (Guid.Parse(q!["id"]!.GetValue<string>()), q["pinned"]!.GetValue<bool>(), q["answered"]!.GetValue<bool>())).ToList();

    private Task<long> ScalarAsync(string sql, object parameters) => ProcessingTesting.ScalarAsync<long>(factory.ConnectionString, sql, parameters);

    private Task<long> MarkedEventsAsync(int sessionId) =>
        ScalarAsync("select count(*) from session_events where session_id = @sessionId and type = 'response.marked'", new { sessionId });

    [Theory]
    [InlineData("qa")]
    [InlineData("qna")]
    public async Task HostPinsAndAnswers_ResultsListPinnedFirstOpenByVotesAnsweredLast_OverRestAndHub(string type)
    {
        var qa = await QaAsync(type);
        var (ann, bob, cy) = (qa.People[0], qa.People[1], qa.People[2]);
        var quiet = await AskAsync(qa, ann, "Quiet one?", anonymous: type == "qna");
        var popular = await AskAsync(qa, bob, "Popular one?");
        var middling = await AskAsync(qa, cy, "Middling one?");
        await UpvoteAsync(qa, ann, popular);
        await UpvoteAsync(qa, cy, popular);
        await UpvoteAsync(qa, bob, middling);
        await using var viewer = factory.HubClient(null);
        var pushes = new List<JsonElement>();
        viewer.Connection.On<JsonElement>("Results", r => { lock (pushes) pushes.Add(r); });
        await viewer.StartAsync();
        await viewer.JoinAsync(qa.Session.Id, joinCode: qa.Session.JoinCode);
        Assert.Equal([(popular, false, false), (middling, false, false), (quiet, false, false)], Marks((await ResultsAsync(qa.Id))["questions"]!));

        var pinned = await MarkedAsync(qa, quiet, new { pinned = true });
        Assert.Equal(quiet, Guid.Parse(pinned["id"]!.GetValue<string>()));
        Assert.True(pinned["pinned"]!.GetValue<bool>());
        Assert.False(pinned["answered"]!.GetValue<bool>());
        var answered = await MarkedAsync(qa, popular, new { answered = true });
        Assert.False(answered["pinned"]!.GetValue<bool>());
        Assert.True(answered["answered"]!.GetValue<bool>());

        List<(Guid, bool, bool)> expected = [(quiet, true, false), (middling, false, false), (popular, false, true)];
        var results = await ResultsAsync(qa.Id);
        Assert.Equal(expected, Marks(results["questions"]!));
        Assert.Equal(expected, Marks(results["approved_questions"]!));
        Assert.Equal(popular, Guid.Parse(results["most_popular_question"]!["id"]!.GetValue<string>())); // still the most votes
        // The mark changes nothing about who asked: an anonymous question stays anonymous.
        Assert.Equal(type == "qna", results["questions"]![0]!["participant_id"] is null);
        var lastMark = await ScalarAsync("select max(seq) from session_events where session_id = @id and type = 'response.marked'", new { id = qa.Session.Id });
        await PushedAsync(pushes, lastMark, expected, "the marks in the hub's Results");

        // Pinning another question takes the pin from the first one.
        await MarkedAsync(qa, middling, new { pinned = true });
        expected = [(middling, true, false), (quiet, false, false), (popular, false, true)];
        Assert.Equal(expected, Marks((await ResultsAsync(qa.Id))["questions"]!));
        lastMark = await ScalarAsync("select max(seq) from session_events where session_id = @id and type = 'response.marked'", new { id = qa.Session.Id });
        await PushedAsync(pushes, lastMark, expected, "the new pin in the hub's Results");
    }

    [Fact]
    public async Task Marks_AreLoggedOneEventEach_WithTheFlagsAndTheQuestionThatLostItsPin()
    {
        var qa = await QaAsync("qa");
        var first = await AskAsync(qa, qa.People[0], "First?");
        var second = await AskAsync(qa, qa.People[1], "Second?");
        await using var host = await factory.JoinedAsync(qa.Session.Id, qa.Session.AdminCode);

        await MarkedAsync(qa, first, new { pinned = true });
        await MarkedAsync(qa, second, new { pinned = true });
        var answeredPinned = await MarkedAsync(qa, second, new { answered = true });
        var reopened = await MarkedAsync(qa, second, new { pinned = true });

        Assert.Equal((false, true), (answeredPinned["pinned"]!.GetValue<bool>(), answeredPinned["answered"]!.GetValue<bool>())); // answering unpins
        Assert.Equal((true, false), (reopened["pinned"]!.GetValue<bool>(), reopened["answered"]!.GetValue<bool>())); // pinning reopens
        Assert.Equal(4, await MarkedEventsAsync(qa.Session.Id));
        await host.WaitForSeqAsync(await ScalarAsync("select last_seq from sessions where id = @id", new { id = qa.Session.Id }));
        var marks = host.Events.Where(e => e.GetProperty("type").GetString() == "response.marked").Select(e => e.Data()).ToList();
        Assert.Equal(
            [(first, true, false, (Guid?)null), (second, true, false, first), (second, false, true, null), (second, true, false, null)],
            marks.Select(d => (d.GetProperty("id").GetGuid(), d.GetProperty("pinned").GetBoolean(), d.GetProperty("answered").GetBoolean(),
                d.GetProperty("unpinned_id").ValueKind == JsonValueKind.Null ? (Guid?)null : d.GetProperty("unpinned_id").GetGuid())));
        Assert.All(marks, d => Assert.Equal(qa.Id, d.GetProperty("activity_id").GetGuid()));
    }

    [Fact]
    public async Task PinnedQuestion_EditedByItsAuthor_StaysPinned_OverRestAndHub()
    {
        var qa = await QaAsync("qa");
        var popular = await AskAsync(qa, qa.People[0], "Popular?");
        var pinned = await AskAsync(qa, qa.People[1], "Typo?");
        await UpvoteAsync(qa, qa.People[2], popular);
        await using var viewer = factory.HubClient(null);
        var pushes = new List<JsonElement>();
        viewer.Connection.On<JsonElement>("Results", r => { lock (pushes) pushes.Add(r); });
        await viewer.StartAsync();
        await viewer.JoinAsync(qa.Session.Id, joinCode: qa.Session.JoinCode);
        await MarkedAsync(qa, pinned, new { pinned = true });

        await Api.ReadAsync(await _api.SendAsync(HttpMethod.Put, $"/api/v1/responses/{pinned}", new { response_data = new { question = "Fixed?" } },
            token: qa.People[1].Token), HttpStatusCode.OK);

        List<(Guid, bool, bool)> expected = [(pinned, true, false), (popular, false, false)];
        var questions = (await ResultsAsync(qa.Id))["questions"]!;
        Assert.Equal(expected, Marks(questions));
        Assert.Equal("Fixed?", questions[0]!["text"]!.GetValue<string>());
        var edited = await ScalarAsync("select max(seq) from session_events where session_id = @id and type = 'response.updated'", new { id = qa.Session.Id });
        await PushedAsync(pushes, edited, expected, "the edited question to stay pinned in the hub's Results");
    }

    [Fact]
    public async Task Host_MarksQuestionsAnswered_AfterTheQaClosed()
    {
        var qa = await QaAsync("qna");
        var question = await AskAsync(qa, qa.People[0], "Still to answer?");
        await _api.TransitionAsync(qa.Session, qa.Id, "expired");

        var answered = await MarkedAsync(qa, question, new { answered = true });

        Assert.True(answered["answered"]!.GetValue<bool>());
        Assert.True(Assert.Single(Marks((await ResultsAsync(qa.Id))["questions"]!)).Answered);
    }

    [Fact]
    public async Task Marks_RefusedForParticipantsOtherHostsVotesOtherTypesUnknownResponsesAndBadBodies_AndChangeNothing()
    {
        var qa = await QaAsync("qa");
        var question = await AskAsync(qa, qa.People[0], "Mine?");
        var vote = await UpvoteAsync(qa, qa.People[1], question);
        var poll = await _api.CreateActiveActivityAsync(qa.Session, "poll", new { question = "Best?", options = new[] { "A", "B" } }, keepOthersOpen: true);
        var ballot = await IdOfAsync(await _api.SubmitAsync(qa.People[2], poll, new { option_index = 0 }));
        var other = await _api.CreateSessionAsync();

        await Api.ProblemAsync(await MarkAsync(question, new { pinned = true }, token: qa.People[0].Token), HttpStatusCode.Forbidden);
        await Api.ProblemAsync(await MarkAsync(question, new { pinned = true }), HttpStatusCode.Unauthorized);
        await Api.ProblemAsync(await MarkAsync(question, new { pinned = true }, adminCode: other.AdminCode), HttpStatusCode.Forbidden);
        await Api.ProblemAsync(await MarkAsync(Guid.NewGuid(), new { pinned = true }, qa.Session.AdminCode), HttpStatusCode.NotFound);
        var upvote = await Api.ProblemAsync(await MarkAsync(vote, new { pinned = true }, qa.Session.AdminCode), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("upvote", upvote["detail"]!.GetValue<string>());
        var pollAnswer = await Api.ProblemAsync(await MarkAsync(ballot, new { answered = true }, qa.Session.AdminCode), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("poll", pollAnswer["detail"]!.GetValue<string>());
        foreach (var (body, field) in new (object, string)[]
        {
            (new { }, "body"),
            (new { pinned = true, colour = "red" }, "colour"),
            (new { pinned = true, answered = true }, "pinned"),
            (new { pinned = "yes" }, "pinned"),
        })
        {
            var problem = await Api.ProblemAsync(await MarkAsync(question, body, qa.Session.AdminCode), HttpStatusCode.UnprocessableEntity);
            Assert.NotNull(problem["errors"]![field]);
        }

        Assert.Equal(0, await MarkedEventsAsync(qa.Session.Id));
        Assert.Equal(0, await ScalarAsync("select count(*) from user_responses where session_id = @id and (pinned or answered)", new { id = qa.Session.Id }));
    }

    [Fact]
    public async Task OpenApi_DescribesTheMarkRoute_WithItsBodyAndAnswer()
    {
        var document = await _api.GetJsonAsync("/openapi/v1.json");

        var put = document["paths"]!["/api/v1/responses/{responseId}/qa"]!["put"]!;
        var text = put.ToJsonString() + document["components"]!.ToJsonString();
        Assert.NotNull(put["requestBody"]);
        Assert.NotNull(put["responses"]!["200"]);
        Assert.Contains("QaMarkRequest", text);
        Assert.Contains("QaMarkResponse", text);
        Assert.Contains("\"answered\"", text);
    }

    /// <summary>Waits until the latest Results push, as of <paramref name="asOfSeq"/> or later, lists the questions with these marks in this order.</summary>
    private static Task PushedAsync(List<JsonElement> pushes, long asOfSeq, List<(Guid, bool, bool)> expected, string what) => ProcessingTesting.WaitUntilAsync(() =>
    {
        lock (pushes)
        {
            if (pushes.Count == 0 || pushes[^1].GetProperty("asOfSeq").GetInt64() < asOfSeq) return Task.FromResult(false);
            var results = JsonNode.Parse(pushes[^1].GetProperty("results").GetRawText())!;
            return Task.FromResult(Marks(results["questions"]!).SequenceEqual(expected) && Marks(results["approved_questions"]!).SequenceEqual(expected));
        }
    }, what);
}

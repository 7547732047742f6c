using System.Net;
using System.Text.Json.Nodes;
using Conflicto.Tests.Integration.Infrastructure;
using static Conflicto.Tests.Integration.Legacy.LegacyClient;

namespace Conflicto.Tests.Integration.Legacy;

/// <summary>A Q&amp;A as the first Conflicto's clients run it: type qna, legacy questions and votes, qna_results; one vote per participant.</summary>
[Collection(ApiCollection.Name)]
public sealed class LegacyQnaTests(ConflictoApiFactory factory) : LegacyTests(factory)
{
    private static object Config(bool multipleVotes = false) => new
    {
        topic = "Ask me anything", allow_anonymous = true, enable_voting = true, moderate_questions = false,
        max_question_length = 500, allow_multiple_votes = multipleVotes, show_vote_counts = true,
    };

    private static object Question(string text, bool anonymous = false) => new { type = "question", question_text = text, anonymous };

    private static object Vote(Guid question) => new { type = "vote", question_id = question };

    [Fact]
    public async Task Qna_IsAKnownTypeWithItsSchema_AndIsStoredUnderItsLegacyId()
    {
        var types = await _api.GetJsonAsync("/api/v1/activities/types");
        Assert.Contains("qna", types["activity_types"]!.AsArray().Select(t => t!["activity_type"]?.GetValue<string>() ?? t!["id"]?.GetValue<string>() ?? t!["type"]?.GetValue<string>()));
        var schema = await _api.GetJsonAsync("/api/v1/activities/types/qna/schema");
        Assert.Contains("topic", schema.ToJsonString());

        var session = await _api.CreateSessionAsync();
        var qna = await _api.CreateActiveActivityAsync(session, "qna", Config());
        Assert.Equal("qna", (await _api.GetJsonAsync($"/api/v1/activities/{qna}"))["activity_type"]!.GetValue<string>());
        var missingTopic = await _api.SendAsync(HttpMethod.Post, $"/api/v1/sessions/{session.Id}/activities/framework",
            new { activity_type = "qna", title = "No topic", configuration = new { enable_voting = true } }, adminCode: session.AdminCode);
        Assert.Contains("topic", (await Api.ProblemAsync(missingTopic, HttpStatusCode.UnprocessableEntity)).ToJsonString());
    }

    [Fact]
    public async Task Qna_LegacyQuestionsAndVotes_ThroughEveryDoor_GiveQnaResults()
    {
        var session = await _api.CreateSessionAsync();
        var qna = await _api.CreateActiveActivityAsync(session, "qna", Config());
        var people = new List<Api.Participant>();
        for (var i = 0; i < 3; i++) people.Add(await _api.JoinAsync(session, $"P{i}"));
        var questions = new List<Guid>();
        for (var i = 0; i < 3; i++) questions.Add(await _legacy.SubmitAsync(Doors[i], people[i], qna, Question($"Question {i}?", anonymous: i == 1)));
        // Votes: question 2 gets three, question 0 one; one of ours ({"upvote"}) among them.
        (int Voter, int Question, Door Door)[] votes = [(0, 2, Door.Hub), (1, 2, Door.SessionRoute), (2, 2, Door.FrameworkRoute), (1, 0, Door.Hub)];
        foreach (var (voter, question, door) in votes) await _legacy.SubmitAsync(door, people[voter], qna, Vote(questions[question]));
        await _legacy.SubmitAsync(Door.SessionRoute, people[2], qna, new { upvote = questions[0] });

        var results = await _legacy.ResultsAsync(qna);

        Assert.Equal("qna_results", results["type"]!.GetValue<string>());
        Assert.Equal("Ask me anything", results["topic"]!.GetValue<string>());
        Assert.Equal(3, results["total_questions"]!.GetValue<int>());
        Assert.Equal(votes.Length + 1, results["total_votes"]!.GetValue<int>());
        var approved = results["approved_questions"]!.AsArray();
        Assert.Equal([questions[2], questions[0], questions[1]], approved.Select(q => q!.Id()));
        Assert.Equal([3, 2, 0], approved.Select(q => q!["vote_count"]!.GetValue<int>()));
        // allow_anonymous makes the whole activity anonymous here: no question reveals its author.
        Assert.All(approved, q => Assert.True(q!["anonymous"]!.GetValue<bool>()));
        Assert.All(approved, q => Assert.Null(q!["participant_id"]));
        Assert.Empty(results["pending_questions"]!.AsArray());
        Assert.Equal(questions[2], results["most_popular_question"]!.Id());
        Assert.True(results["enable_voting"]!.GetValue<bool>());
        // Ours beside them.
        Assert.Equal(votes.Length + 1, results["total_upvotes"]!.GetValue<int>());
        Assert.Equal("Question 2?", results["questions"]![0]!["text"]!.GetValue<string>());
        Assert.Equal("qna_results", (await _legacy.FrameworkResultsAsync(qna))["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Upvote_Twice_AnswersWithTheFirstVote_OnEveryDoor_AndCountsOnce()
    {
        var session = await _api.CreateSessionAsync();
        var qna = await _api.CreateActiveActivityAsync(session, "qna", Config());
        var asker = await _api.JoinAsync(session, "Asker");
        var voter = await _api.JoinAsync(session, "Voter");
        var question = await _legacy.SubmitAsync(Door.SessionRoute, asker, qna, Question("Why?"));
        var first = await _legacy.SubmitAsync(Door.SessionRoute, voter, qna, Vote(question));

        var again = await Api.ReadAsync(await _api.SubmitAsync(voter, qna, Vote(question)), HttpStatusCode.OK);
        var ours = await Api.ReadAsync(await _api.SubmitAsync(voter, qna, new { upvote = question }), HttpStatusCode.OK);
        var framework = await Api.ReadAsync(await _legacy.FrameworkSubmitAsync(voter, qna, Vote(question), null), HttpStatusCode.OK);
        var hub = await _legacy.HubSubmitAsync(voter, qna, Vote(question), null);

        Assert.Equal([first, first, first, first], new[] { again.Id(), ours.Id(), framework.Id(), hub.GetProperty("responseId").GetGuid() });
        Assert.True(hub.GetProperty("replayed").GetBoolean());
        var results = await _legacy.ResultsAsync(qna);
        Assert.Equal(1, results["total_votes"]!.GetValue<int>());
        var stored = await _api.GetJsonAsync($"/api/v1/sessions/{session.Id}/activities/{qna}/responses", adminCode: session.AdminCode);
        Assert.Equal(2, stored["summary"]!["total_responses"]!.GetValue<int>());
    }

    [Fact]
    public async Task Edit_ThatWouldBeASecondVoteForTheSameQuestion_IsRefused_AndCountsNothing()
    {
        var session = await _api.CreateSessionAsync();
        var qna = await _api.CreateActiveActivityAsync(session, "qna", Config());
        var asker = await _api.JoinAsync(session, "Asker");
        var voter = await _api.JoinAsync(session, "Voter");
        var question = await _legacy.SubmitAsync(Door.SessionRoute, asker, qna, Question("Why?"));
        await _legacy.SubmitAsync(Door.SessionRoute, voter, qna, Vote(question));
        var own = await _legacy.SubmitAsync(Door.SessionRoute, voter, qna, Question("And how?"));

        var edit = await _api.SendAsync(HttpMethod.Put, $"/api/v1/responses/{own}", new { response_data = Vote(question) }, token: voter.Token);

        await Api.ProblemAsync(edit, HttpStatusCode.Conflict);
        var results = await _legacy.ResultsAsync(qna);
        Assert.Equal(1, results["total_votes"]!.GetValue<int>());
        Assert.Equal(2, results["total_questions"]!.GetValue<int>());
    }

    [Fact]
    public async Task Upvote_ConcurrentBurstFromOneParticipant_StoresOneVote()
    {
        var session = await _api.CreateSessionAsync();
        var qna = await _api.CreateActiveActivityAsync(session, "qna", Config());
        var voter = await _api.JoinAsync(session, "Voter");
        var question = await _legacy.SubmitAsync(Door.SessionRoute, voter, qna, Question("Why?"));

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => _api.SubmitAsync(voter, qna, Vote(question))));

        var ids = new HashSet<Guid>();
        foreach (var answer in answers) ids.Add((await Api.ReadAsync(answer, answer.StatusCode == HttpStatusCode.Created ? HttpStatusCode.Created : HttpStatusCode.OK)).Id());
        Assert.Single(ids);
        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Created);
        Assert.Equal(1, (await _legacy.ResultsAsync(qna))["total_votes"]!.GetValue<int>());
    }

    [Fact]
    public async Task Upvote_WithAllowMultipleVotes_CountsEveryVote()
    {
        var session = await _api.CreateSessionAsync();
        var qna = await _api.CreateActiveActivityAsync(session, "qna", Config(multipleVotes: true));
        var voter = await _api.JoinAsync(session, "Voter");
        var question = await _legacy.SubmitAsync(Door.SessionRoute, voter, qna, Question("Why?"));
        const int clicks = 3;
        for (var i = 0; i < clicks; i++) await _legacy.SubmitAsync(Doors[i], voter, qna, Vote(question));

        Assert.Equal(clicks, (await _legacy.ResultsAsync(qna))["total_votes"]!.GetValue<int>());
    }

    [Fact]
    public async Task Upvote_WithdrawnByItsAuthor_DropsOutOfTheResults_AndCanBeGivenAgain()
    {
        var session = await _api.CreateSessionAsync();
        var qna = await _api.CreateActiveActivityAsync(session, "qna", Config());
        var voter = await _api.JoinAsync(session, "Voter");
        var other = await _api.JoinAsync(session, "Other");
        var question = await _legacy.SubmitAsync(Door.SessionRoute, voter, qna, Question("Why?"));
        var vote = await _legacy.SubmitAsync(Door.SessionRoute, voter, qna, Vote(question));
        Assert.Equal(1, (await _legacy.ResultsAsync(qna))["total_votes"]!.GetValue<int>());

        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Delete, $"/api/v1/responses/{vote}", token: other.Token), HttpStatusCode.Forbidden);
        var deleted = await _api.SendAsync(HttpMethod.Delete, $"/api/v1/responses/{vote}", token: voter.Token);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);

        var results = await _legacy.ResultsAsync(qna);
        Assert.Equal(0, results["total_votes"]!.GetValue<int>());
        Assert.Equal(0, results["approved_questions"]![0]!["vote_count"]!.GetValue<int>());
        var again = await _legacy.SubmitAsync(Door.SessionRoute, voter, qna, Vote(question));
        Assert.NotEqual(vote, again);
        Assert.Equal(1, (await _legacy.ResultsAsync(qna))["total_votes"]!.GetValue<int>());
    }

    [Theory]
    [InlineData(Door.SessionRoute)]
    [InlineData(Door.FrameworkRoute)]
    [InlineData(Door.Hub)]
    public async Task Vote_ForSomethingThatIsNoQuestionOfThisQna_Returns422(Door door)
    {
        var session = await _api.CreateSessionAsync();
        var qna = await _api.CreateActiveActivityAsync(session, "qna", Config());
        var voter = await _api.JoinAsync(session, "Voter");
        var question = await _legacy.SubmitAsync(Door.SessionRoute, voter, qna, Question("Why?"));
        var vote = await _legacy.SubmitAsync(Door.SessionRoute, voter, qna, Vote(question));

        await _legacy.RefusedAsync(door, voter, qna, Vote(vote), HttpStatusCode.UnprocessableEntity);
        await _legacy.RefusedAsync(door, voter, qna, Vote(Guid.NewGuid()), HttpStatusCode.UnprocessableEntity);
        await _legacy.RefusedAsync(door, voter, qna, new { type = "question" }, HttpStatusCode.UnprocessableEntity);
    }
}

using System.Net;
using System.Text.Json.Nodes;
using Conflicto.Tests.Integration.Infrastructure;

namespace Conflicto.Tests.Integration.Activities;

/// <summary>GET /activities/{id}/results for every known type and for a type the platform does not know.</summary>
[Collection(ApiCollection.Name)]
public sealed class ActivityResultsTests(ConflictoApiFactory factory)
{
    private readonly Api _api = new(factory.CreateClient());

    [Fact]
    public async Task PollResults_CountVotesByIndexAndByText_WithPercentages()
    {
        var session = await _api.CreateSessionAsync();
        var p = await _api.JoinManyAsync(session, 4);
        var id = await _api.CreateActiveActivityAsync(session, "poll", ActivityTestApi.Poll("Red", "Blue", "Green"));

        await _api.SubmitOkAsync(p[0], id, new { option_index = 0 });
        await _api.SubmitOkAsync(p[1], id, new { option = "blue" });
        await _api.SubmitOkAsync(p[2], id, new { option_index = 0 });
        await _api.SubmitOkAsync(p[3], id, new { option = " Red " });

        var body = await _api.ResultsAsync(id);
        Assert.Equal("poll", body["activity_type"]!.GetValue<string>());
        Assert.Equal(4, body["response_count"]!.GetValue<int>());
        var results = body["results"]!;
        Assert.Equal("Which one?", results["question"]!.GetValue<string>());
        Assert.Equal(4, results["total_votes"]!.GetValue<int>());
        AssertOptions(results, ("Red", 3, 75.0), ("Blue", 1, 25.0), ("Green", 0, 0.0));
    }

    [Fact]
    public async Task PollResults_WithAllowMultiple_CountEverySelection()
    {
        var session = await _api.CreateSessionAsync();
        var p = await _api.JoinManyAsync(session, 3);
        var id = await _api.CreateActiveActivityAsync(session, "poll", new { question = "Pick any", options = new[] { "A", "B", "C" }, allow_multiple = true });

        await _api.SubmitOkAsync(p[0], id, new { option_indices = new[] { 0, 2 } });
        await _api.SubmitOkAsync(p[1], id, new { option_indices = new[] { 2 } });
        await _api.SubmitOkAsync(p[2], id, new { option_index = 1 });

        var results = (await _api.ResultsAsync(id))["results"]!;
        Assert.Equal(3, results["total_votes"]!.GetValue<int>());
        Assert.Equal(4, results["total_selections"]!.GetValue<int>());
        AssertOptions(results, ("A", 1, 25.0), ("B", 1, 25.0), ("C", 2, 50.0));
    }

    [Theory]
    [InlineData("""{"option_indices":[0,1]}""")]
    [InlineData("""{"option_index":3}""")]
    [InlineData("""{"option_index":-1}""")]
    [InlineData("""{"option":"Purple"}""")]
    [InlineData("""{"choice":0}""")]
    public async Task PollResponse_ThatPicksNoValidOption_Is422(string data)
    {
        var session = await _api.CreateSessionAsync();
        var participant = await _api.JoinAsync(session, "Ada");
        var id = await _api.CreateActiveActivityAsync(session, "poll", ActivityTestApi.Poll("Red", "Blue", "Green"));

        await Api.ProblemAsync(await _api.SubmitAsync(participant, id, JsonNode.Parse(data)!), HttpStatusCode.UnprocessableEntity);

        Assert.Equal(0, (await _api.ResultsAsync(id))["response_count"]!.GetValue<int>());
    }

    [Fact]
    public async Task WordCloudResults_CountCaseInsensitively_MostFrequentFirst()
    {
        var session = await _api.CreateSessionAsync();
        var p = await _api.JoinManyAsync(session, 3);
        var id = await _api.CreateActiveActivityAsync(session, "word_cloud", new { prompt = "Mood?" });

        await _api.SubmitOkAsync(p[0], id, new { word = "Calm" });
        await _api.SubmitOkAsync(p[0], id, new { words = new[] { "happy", "tired" } });
        await _api.SubmitOkAsync(p[1], id, new { word = "calm " });
        await _api.SubmitOkAsync(p[2], id, new { words = new[] { "CALM", "Happy" } });

        var results = (await _api.ResultsAsync(id))["results"]!;
        var words = results["words"]!.AsArray().Select(w => (w!["text"]!.GetValue<string>().ToLowerInvariant(), w["count"]!.GetValue<int>())).ToArray();
        Assert.Equal([("calm", 3), ("happy", 2), ("tired", 1)], words);
        Assert.Equal(6, results["total_words"]!.GetValue<int>());
        Assert.Equal(3, results["unique_words"]!.GetValue<int>());
        Assert.Equal("Mood?", results["prompt"]!.GetValue<string>());
    }

    [Fact]
    public async Task QaResults_RankQuestionsByDistinctUpvoters()
    {
        var session = await _api.CreateSessionAsync();
        var p = await _api.JoinManyAsync(session, 3);
        var id = await _api.CreateActiveActivityAsync(session, "qa", new { topic = "Roadmap" });

        var first = await _api.SubmitIdAsync(p[0], id, new { question = "When is v2?" });
        var second = await _api.SubmitIdAsync(p[1], id, new { question = "  Will it be free?  " });
        await _api.SubmitOkAsync(p[2], id, new { upvote = second.ToString() });
        await _api.SubmitOkAsync(p[0], id, new { upvote = second.ToString() });
        // The same participant again counts once: the second upvote answers 200 with the first.
        Assert.Equal(HttpStatusCode.OK, (await _api.SubmitAsync(p[2], id, new { upvote = second.ToString() })).StatusCode);
        await _api.SubmitOkAsync(p[1], id, new { upvote = first.ToString() });

        var results = (await _api.ResultsAsync(id))["results"]!;
        var questions = results["questions"]!.AsArray();
        Assert.Equal([second, first], questions.Select(q => q!.Id()).ToArray());
        Assert.Equal("Will it be free?", questions[0]!["text"]!.GetValue<string>());
        Assert.Equal(2, questions[0]!["upvotes"]!.GetValue<int>());
        Assert.Equal(1, questions[1]!["upvotes"]!.GetValue<int>());
        Assert.Equal(p[1].Id, questions[0]!["participant_id"]!.GetValue<int>());
        Assert.Equal(2, results["total_questions"]!.GetValue<int>());
        Assert.Equal(3, results["total_upvotes"]!.GetValue<int>());
    }

    [Fact]
    public async Task QaUpvote_OfUnknownIdOrOfAnUpvote_Is422()
    {
        var session = await _api.CreateSessionAsync();
        var p = await _api.JoinManyAsync(session, 2);
        var id = await _api.CreateActiveActivityAsync(session, "qa", new { });
        var otherQa = await _api.CreateActiveActivityAsync(session, "qa", new { }, keepOthersOpen: true);
        var question = await _api.SubmitIdAsync(p[0], id, new { question = "Why?" });
        var upvote = await _api.SubmitIdAsync(p[1], id, new { upvote = question.ToString() });
        var foreignQuestion = await _api.SubmitIdAsync(p[0], otherQa, new { question = "Elsewhere?" });

        foreach (var target in new[] { Guid.NewGuid().ToString(), upvote.ToString(), foreignQuestion.ToString(), "not-a-uuid" })
            await Api.ProblemAsync(await _api.SubmitAsync(p[1], id, new { upvote = target }), HttpStatusCode.UnprocessableEntity);

        Assert.Equal(2, (await _api.ResultsAsync(id))["response_count"]!.GetValue<int>());
    }

    [Fact]
    public async Task PlanningPokerResults_ShowAverageMedianAndNoConsensus()
    {
        var session = await _api.CreateSessionAsync();
        var p = await _api.JoinManyAsync(session, 4);
        var id = await _api.CreateActiveActivityAsync(session, "planning_poker", new { story = "Login", card_values = new object[] { "1", "2", "3", "5", 8 } });

        await _api.SubmitOkAsync(p[0], id, new { value = "3" });
        await _api.SubmitOkAsync(p[1], id, new { value = "5" });
        await _api.SubmitOkAsync(p[2], id, new { value = 5 });
        await _api.SubmitOkAsync(p[3], id, new { value = "8" });

        var results = (await _api.ResultsAsync(id))["results"]!;
        Assert.Equal("Login", results["story"]!.GetValue<string>());
        Assert.Equal(4, results["total_votes"]!.GetValue<int>());
        Assert.Equal(5.25, results["average"]!.GetValue<double>());
        Assert.Equal(5.0, results["median"]!.GetValue<double>());
        Assert.Equal(3.0, results["min"]!.GetValue<double>());
        Assert.Equal(8.0, results["max"]!.GetValue<double>());
        Assert.False(results["consensus"]!.GetValue<bool>());
        var votes = results["votes"]!.AsArray().Select(v => (v!["value"]!.GetValue<string>(), v["count"]!.GetValue<int>())).ToArray();
        Assert.Equal([("3", 1), ("5", 2), ("8", 1)], votes);
    }

    [Fact]
    public async Task PlanningPokerResults_WhenEveryoneAgrees_ReportConsensus()
    {
        var session = await _api.CreateSessionAsync();
        var p = await _api.JoinManyAsync(session, 3);
        var id = await _api.CreateActiveActivityAsync(session, "planning_poker", new { story = "Search" });

        foreach (var participant in p) await _api.SubmitOkAsync(participant, id, new { value = "13" });

        var results = (await _api.ResultsAsync(id))["results"]!;
        Assert.True(results["consensus"]!.GetValue<bool>());
        Assert.Equal(13.0, results["average"]!.GetValue<double>());
        Assert.Equal(13.0, results["median"]!.GetValue<double>());
    }

    [Theory]
    [InlineData("""{"value":"4"}""")]
    [InlineData("""{"value":"100"}""")]
    [InlineData("""{"value":""}""")]
    [InlineData("""{"estimate":"5"}""")]
    public async Task PlanningPokerVote_NotInTheDeck_Is422(string data)
    {
        var session = await _api.CreateSessionAsync();
        var participant = await _api.JoinAsync(session, "Ada");
        var id = await _api.CreateActiveActivityAsync(session, "planning_poker", new { story = "Search" });

        await Api.ProblemAsync(await _api.SubmitAsync(participant, id, JsonNode.Parse(data)!), HttpStatusCode.UnprocessableEntity);

        Assert.Equal(0, (await _api.ResultsAsync(id))["results"]!["total_votes"]!.GetValue<int>());
    }

    [Fact]
    public async Task UnknownTypeResults_CountValuesPerScalarField()
    {
        var session = await _api.CreateSessionAsync();
        var p = await _api.JoinManyAsync(session, 3);
        var id = await _api.CreateActiveActivityAsync(session, "bingo", new { grid = 5 });

        await _api.SubmitOkAsync(p[0], id, new { color = "red", n = 1 });
        await _api.SubmitOkAsync(p[1], id, new { color = "red", n = 2 });
        await _api.SubmitOkAsync(p[2], id, new { color = "blue", nested = new { x = 1 } });
        await _api.SubmitOkAsync(p[0], id, new { color = "red", done = true });

        var body = await _api.ResultsAsync(id);
        Assert.Equal("bingo", body["activity_type"]!.GetValue<string>());
        var results = body["results"]!;
        Assert.Equal(4, results["total_responses"]!.GetValue<int>());
        Assert.Equal(3, results["unique_participants"]!.GetValue<int>());
        var fields = results["fields"]!;
        Assert.Equal([("red", 3), ("blue", 1)], Counts(fields["color"]));
        Assert.Equal([("1", 1), ("2", 1)], Counts(fields["n"]));
        Assert.Equal([("true", 1)], Counts(fields["done"]));
        Assert.Null(fields["nested"]);
    }

    [Fact]
    public async Task Results_OfUnknownActivity_Is404()
    {
        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Get, $"/api/v1/activities/{Guid.NewGuid()}/results"), HttpStatusCode.NotFound);
    }

    private static (string, int)[] Counts(JsonNode? values) =>
        values!.AsArray().Select(v => (v!["value"]!.GetValue<string>(), v["count"]!.GetValue<int>())).ToArray();

    private static void AssertOptions(JsonNode results, params (string Text, int Votes, double Percentage)[] expected)
    {
        var options = results["options"]!.AsArray();
        Assert.Equal(expected.Length, options.Count);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(i, options[i]!["index"]!.GetValue<int>());
            Assert.Equal(expected[i].Text, options[i]!["text"]!.GetValue<string>());
            Assert.Equal(expected[i].Votes, options[i]!["votes"]!.GetValue<int>());
            Assert.Equal(expected[i].Percentage, options[i]!["percentage"]!.GetValue<double>());
        }
    }
}

using Conflicto.Data.Responses;
using Conflicto.Processing.Results;
using static Conflicto.Tests.Unit.Processing.TestRows;

namespace Conflicto.Tests.Unit.Processing.Results;

/// <summary>The legacy result fields (legacy-clients.md) sit beside ours, computed from the same responses.</summary>
public class LegacyResultFieldsTests
{
    private static T Compute<T>(string type, string config, params ResponseRow[] responses) =>
        (T)ResultsCalculator.Compute(Activity(type, config), responses);

    [Fact]
    public void Poll_MultipleChoice_PercentagesAreOfResponsesAndMayPass100()
    {
        const string config = """{"question": "Q", "options": ["Red", "Green", "Blue"], "allow_multiple_choice": true}""";
        var snapshot = Compute<PollSnapshot>("poll", config,
            Response("""{"selected_options": ["Red", "Blue"]}""", 1, 1),
            Response("""{"selected_options": ["Blue"]}""", 2, 2),
            Response("""{"option_indices": [0, 2]}""", 3, 3));

        Assert.Equal("poll_results", snapshot.Type);
        Assert.Equal(3, snapshot.TotalResponses);
        Assert.Equal(3, snapshot.TotalVotes);
        Assert.Equal(new Dictionary<string, int> { ["Red"] = 2, ["Green"] = 0, ["Blue"] = 3 }, snapshot.VoteCounts);
        Assert.Equal(Math.Round(200.0 / 3, 1), snapshot.Percentages["Red"]);
        Assert.Equal(100.0, snapshot.Percentages["Blue"]);
        Assert.Equal(["Blue"], snapshot.MostPopular);
        Assert.True(snapshot.AllowMultipleChoice);
        Assert.Equal(Start.AddSeconds(3), snapshot.LastUpdated);
        // Ours is unchanged: option objects, percentages of selections.
        Assert.Equal(5, snapshot.TotalSelections);
        Assert.Equal(new PollOption(2, "Blue", 3, 60.0), snapshot.Options[2]);
    }

    [Fact]
    public void Poll_MostPopular_ListsEveryTiedOption_AndNoneWithoutVotes()
    {
        const string config = """{"question": "Q", "options": ["A", "B", "C"]}""";
        Assert.Empty(Compute<PollSnapshot>("poll", config).MostPopular);
        var tied = Compute<PollSnapshot>("poll", config, Response("""{"selected_options": ["A"]}""", 1), Response("""{"option": "c"}""", 2));
        Assert.Equal(["A", "C"], tied.MostPopular);
        Assert.Equal(50.0, tied.Percentages["A"]);
    }

    [Fact]
    public void Qna_CountsDistinctVoters_UnlessMultipleVotesAreAllowed()
    {
        // Asked anonymously: the writer records that on the row (Anonymity.IsAnonymous), and results read the row.
        var question = Response("""{"type": "question", "question_text": " Why? ", "anonymous": true}""", 1, 1) with { Anonymous = true };
        ResponseRow Vote(int participant, int second) => Response($$"""{"type": "vote", "question_id": "{{question.Id}}"}""", participant, second);
        ResponseRow[] responses = [question, Vote(2, 2), Vote(2, 3), Response($$"""{"upvote": "{{question.Id}}"}""", 3, 4)];

        var once = Compute<QaSnapshot>("qna", """{"topic": "AMA"}""", responses);
        var every = Compute<QaSnapshot>("qna", """{"topic": "AMA", "allow_multiple_votes": true}""", responses);

        Assert.Equal("qna_results", once.Type);
        Assert.Equal(2, once.TotalVotes);
        Assert.Equal(3, every.TotalVotes);
        var listed = Assert.Single(once.ApprovedQuestions);
        Assert.Equal(("Why?", 2, "approved", true, (string?)null), (listed.Text, listed.VoteCount, listed.Status, listed.Anonymous, listed.ParticipantId));
        Assert.Equal(listed, once.MostPopularQuestion);
        Assert.Null(Assert.Single(once.Questions).ParticipantId);
        Assert.Empty(once.PendingQuestions);
        Assert.True(once.AllowAnonymous);
        Assert.Equal(Start.AddSeconds(4), once.LastUpdated);
    }

    [Fact]
    public void Qna_Moderated_PendingUntilApproved_RejectedNowhere()
    {
        const string config = """{"topic": "AMA", "moderate_questions": true}""";
        var fresh = Response("""{"type": "question", "question_text": "fresh"}""", 1, 1);
        var checkedByEnricher = Response("""{"type": "question", "question_text": "ok"}""", 2, 2) with { ModerationVerdict = "approve" };
        var flagged = Response("""{"type": "question", "question_text": "flagged"}""", 3, 3) with { ModerationVerdict = "flag" };
        var rescued = Response("""{"type": "question", "question_text": "rescued"}""", 4, 4) with { ModerationVerdict = "flag", ModerationOverride = "approve" };
        var rejected = Response("""{"type": "question", "question_text": "rejected"}""", 5, 5) with { ModerationVerdict = "approve", ModerationOverride = "reject" };

        var snapshot = Compute<QaSnapshot>("qna", config, fresh, checkedByEnricher, flagged, rescued, rejected);

        Assert.Equal(["ok", "rescued"], snapshot.ApprovedQuestions.Select(q => q.Text));
        Assert.Equal(["fresh"], snapshot.PendingQuestions.Select(q => q.Text));
        Assert.Equal(["fresh", "ok", "rescued"], snapshot.Questions.Select(q => q.Text));
    }

    [Fact]
    public void WordCloud_LegacyFieldsCountTheLegacyNormalForm()
    {
        var snapshot = Compute<WordCloudSnapshot>("word_cloud", """{"prompt": "p"}""",
            Response("""{"words": ["Agile!", "lean"]}""", 1, 1),
            Response("""{"words": ["agile", "  Lean   UX "]}""", 2, 2),
            Response("""{"word": "AGILE"}""", 3, 3));

        Assert.Equal("word_cloud_results", snapshot.Type);
        Assert.Equal(new Dictionary<string, int> { ["agile"] = 3, ["lean"] = 1, ["lean ux"] = 1 }, snapshot.WordFrequencies);
        Assert.Equal(5, snapshot.TotalWordSubmissions);
        Assert.Equal(3, snapshot.ParticipantCount);
        Assert.Equal(3, snapshot.UniqueWordCount);
        Assert.Equal(new CloudWord("agile", 3, 100, 60.0), snapshot.WordCloudData[0]);
        Assert.Equal(40, snapshot.WordCloudData[1].Size);
        Assert.Equal(snapshot.WordCloudData.Take(10), snapshot.MostCommonWords);
        Assert.Equal(Start.AddSeconds(3), snapshot.LastUpdated);
    }

    [Fact]
    public void WordCloud_CaseSensitive_KeepsCase()
    {
        var snapshot = Compute<WordCloudSnapshot>("word_cloud", """{"prompt": "p", "case_sensitive": true}""",
            Response("""{"word": "Rust"}""", 1), Response("""{"word": "rust"}""", 2));

        Assert.Equal(new Dictionary<string, int> { ["Rust"] = 1, ["rust"] = 1 }, snapshot.WordFrequencies);
    }

    [Fact]
    public void LastUpdated_FollowsTheNewestRemainingResponse_NotTheClock()
    {
        var aggregator = ResultsCalculator.CreateAggregator(Activity("poll", """{"question": "Q", "options": ["A", "B"]}"""));
        var older = Response("""{"option_index": 0}""", 1, 10);
        var newer = Response("""{"option_index": 1}""", 2, 20);
        aggregator.Add(older);
        aggregator.Add(newer);
        var first = Serialize(aggregator.Snapshot());
        Assert.Equal(first, Serialize(aggregator.Snapshot()));

        aggregator.Remove(newer);

        Assert.Equal(Start.AddSeconds(10), ((PollSnapshot)aggregator.Snapshot()).LastUpdated);
    }
}

using Conflicto.Data.Activities;
using Conflicto.Data.Responses;
using Conflicto.Processing.Results;
using static Conflicto.Tests.Unit.Processing.TestRows;

namespace Conflicto.Tests.Unit.Processing.Results;

public class QaResultsTests
{
    private static QaResults Aggregator(string config = """{"topic": "AMA"}""") => new(Activity("qa", config).Configuration);

    private static ResponseRow Question(string text, int participant, int second) =>
        Response($$"""{"question": "{{text}}"}""", participant, second);

    private static ResponseRow Upvote(ResponseRow question, int participant, int second = 100) =>
        Response($$"""{"upvote": "{{question.Id}}"}""", participant, second);

    private static QaSnapshot Snapshot(QaResults aggregator) => (QaSnapshot)aggregator.Snapshot();

    [Fact]
    public void Snapshot_WithoutResponses_IsEmpty()
    {
        var snapshot = Snapshot(Aggregator());
        Assert.Equal("AMA", snapshot.Topic);
        Assert.Empty(snapshot.Questions);
        Assert.Equal(0, snapshot.TotalQuestions);
        Assert.Equal(0, snapshot.TotalUpvotes);
    }

    [Fact]
    public void Snapshot_RanksByUpvotesThenByAge()
    {
        var aggregator = Aggregator();
        var old = Question("Old?", 1, 1);
        var popular = Question("Popular?", 2, 2);
        var fresh = Question("Fresh?", 3, 3);
        foreach (var row in new[] { fresh, popular, old, Upvote(popular, 1), Upvote(popular, 3) }) aggregator.Add(row);

        var snapshot = Snapshot(aggregator);
        Assert.Equal(["Popular?", "Old?", "Fresh?"], snapshot.Questions.Select(q => q.Text));
        Assert.Equal([2, 0, 0], snapshot.Questions.Select(q => q.Upvotes));
        Assert.Equal([popular.Id, old.Id, fresh.Id], snapshot.Questions.Select(q => q.Id));
        Assert.Equal(3, snapshot.TotalQuestions);
        Assert.Equal(2, snapshot.TotalUpvotes);
    }

    [Fact]
    public void Snapshot_PinnedFirst_OpenByVotes_AnsweredLast_MostPopularStillByVotes()
    {
        var aggregator = Aggregator();
        var popular = Question("Popular?", 1, 1) with { Answered = true };
        var pinned = Question("Pinned?", 2, 2) with { Pinned = true };
        var open = Question("Open?", 3, 3);
        var quiet = Question("Quiet?", 4, 4);
        foreach (var row in new[] { popular, pinned, open, quiet, Upvote(popular, 2), Upvote(popular, 3), Upvote(open, 1) }) aggregator.Add(row);

        var snapshot = Snapshot(aggregator);
        Assert.Equal(["Pinned?", "Open?", "Quiet?", "Popular?"], snapshot.Questions.Select(q => q.Text));
        Assert.Equal([true, false, false, false], snapshot.Questions.Select(q => q.Pinned));
        Assert.Equal([false, false, false, true], snapshot.Questions.Select(q => q.Answered));
        Assert.Equal(["Pinned?", "Open?", "Quiet?", "Popular?"], snapshot.ApprovedQuestions.Select(q => q.Text));
        Assert.Equal([true, false, false, false], snapshot.ApprovedQuestions.Select(q => q.Pinned));
        Assert.Equal([false, false, false, true], snapshot.ApprovedQuestions.Select(q => q.Answered));
        Assert.Equal("Popular?", snapshot.MostPopularQuestion!.Text);
    }

    [Fact]
    public void Snapshot_TrimsQuestionText()
    {
        var aggregator = Aggregator();
        aggregator.Add(Question("  spaced out?  ", 1, 1));
        Assert.Equal("spaced out?", Assert.Single(Snapshot(aggregator).Questions).Text);
    }

    [Fact]
    public void Add_SameParticipantUpvotingTwice_CountsOnce()
    {
        var aggregator = Aggregator();
        var question = Question("Q?", 1, 1);
        aggregator.Add(question);
        aggregator.Add(Upvote(question, 2));
        aggregator.Add(Upvote(question, 2));
        aggregator.Add(Upvote(question, 3));
        Assert.Equal(2, Assert.Single(Snapshot(aggregator).Questions).Upvotes);
    }

    [Fact]
    public void Remove_OneOfTwoDuplicateUpvotes_StillCountsTheParticipant()
    {
        var aggregator = Aggregator();
        var question = Question("Q?", 1, 1);
        var first = Upvote(question, 2);
        var second = Upvote(question, 2);
        aggregator.Add(question);
        aggregator.Add(first);
        aggregator.Add(second);
        aggregator.Remove(first);
        Assert.Equal(1, Snapshot(aggregator).Questions[0].Upvotes);
        aggregator.Remove(second);
        Assert.Equal(0, Snapshot(aggregator).Questions[0].Upvotes);
    }

    [Fact]
    public void Remove_AQuestion_DropsItAndItsUpvotesFromTheTotals()
    {
        var aggregator = Aggregator();
        var kept = Question("Kept?", 1, 1);
        var removed = Question("Removed?", 2, 2);
        aggregator.Add(kept);
        aggregator.Add(removed);
        aggregator.Add(Upvote(removed, 3));
        aggregator.Remove(removed);
        var snapshot = Snapshot(aggregator);
        Assert.Equal(kept.Id, Assert.Single(snapshot.Questions).Id);
        Assert.Equal(0, snapshot.TotalUpvotes);
    }

    [Fact]
    public void Add_UpvoteForAnUnknownQuestion_CountsNowhere()
    {
        var aggregator = Aggregator();
        var question = Question("Q?", 1, 1);
        aggregator.Add(question);
        aggregator.Add(Response($$"""{"upvote": "{{Guid.NewGuid()}}"}""", 2));
        aggregator.Add(Response("""{"upvote": "not-a-guid"}""", 3));
        Assert.Equal(0, Snapshot(aggregator).TotalUpvotes);
    }

    [Fact]
    public void Add_UpvoteBeforeItsQuestion_CountsOnceTheQuestionArrives()
    {
        var aggregator = Aggregator();
        var question = Question("Late?", 1, 1);
        aggregator.Add(Upvote(question, 2));
        aggregator.Add(question);
        Assert.Equal(1, Snapshot(aggregator).Questions[0].Upvotes);
    }

    [Fact]
    public void Snapshot_OfANamedQa_ShowsWhoAsked()
    {
        var aggregator = Aggregator();
        aggregator.Add(Question("Q?", 7, 1));
        Assert.Equal(7, Snapshot(aggregator).Questions[0].ParticipantId);
    }

    [Theory]
    [InlineData("""{"allow_anonymous": true}""")]
    [InlineData("""{"anonymous_voting": true}""")]
    [InlineData("""{"anonymous": true}""")]
    public void Snapshot_OfAnAnonymousQa_HidesWhoAsked(string config)
    {
        var aggregator = Aggregator(config);
        // As the response writer stores it: anonymous because the activity was when it was asked.
        var question = Question("Q?", 7, 1) with { Anonymous = Anonymity.IsAnonymous(Activity("qa", config).Configuration) };
        Assert.True(question.Anonymous);
        aggregator.Add(question);
        aggregator.Add(Upvote(question, 8));
        var snapshot = Snapshot(aggregator);
        Assert.Null(snapshot.Questions[0].ParticipantId);
        Assert.Equal(1, snapshot.Questions[0].Upvotes);
        Assert.DoesNotContain("\"participant_id\":7", Serialize(snapshot));
    }

    [Fact]
    public void Snapshot_UsesEachQuestionsRecordedFlag_NotTheCurrentConfiguration()
    {
        // Anonymity switched off after the first question, then on again after the second.
        var named = Aggregator();
        var anonymousAnyway = Aggregator("""{"topic": "AMA", "allow_anonymous": true}""");
        foreach (var aggregator in new[] { named, anonymousAnyway })
        {
            aggregator.Add(Question("Asked anonymously?", 7, 1) with { Anonymous = true });
            aggregator.Add(Question("Asked by name?", 8, 2));
        }

        foreach (var snapshot in new[] { Snapshot(named), Snapshot(anonymousAnyway) })
        {
            Assert.Null(snapshot.Questions.Single(q => q.Text == "Asked anonymously?").ParticipantId);
            Assert.Equal(8, snapshot.Questions.Single(q => q.Text == "Asked by name?").ParticipantId);
        }
    }

    [Fact]
    public void Snapshot_EqualVotesAndTimes_AreOrderedById()
    {
        var aggregator = Aggregator();
        var a = Response("""{"question": "A?"}""", 1, 5, Guid.Parse("00000000-0000-0000-0000-000000000002"));
        var b = Response("""{"question": "B?"}""", 2, 5, Guid.Parse("00000000-0000-0000-0000-000000000001"));
        aggregator.Add(a);
        aggregator.Add(b);
        Assert.Equal(["B?", "A?"], Snapshot(aggregator).Questions.Select(q => q.Text));
    }
}

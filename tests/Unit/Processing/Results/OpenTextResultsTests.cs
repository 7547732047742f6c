using Conflicto.Data.Infrastructure;
using Conflicto.Data.Responses;
using Conflicto.Processing.Results;
using static Conflicto.Tests.Unit.Processing.TestRows;

namespace Conflicto.Tests.Unit.Processing.Results;

public class OpenTextResultsTests
{
    private const string Hidden = """{"question": "What should we improve?"}""";
    private const string Shown = """{"question": "What should we improve?", "show_answers": true}""";
    private const string ShownModerated = """{"question": "What should we improve?", "show_answers": true, "moderation": true}""";

    private static ResponseRow Answer(string text, int participant, string? sentiment = null, string topics = "[]", string? verdict = null, int second = 0) =>
        Response($$"""{"text": {{System.Text.Json.JsonSerializer.Serialize(text)}}}""", participant, second) with
        {
            Enrichment = sentiment is null ? null : Json.Parse($$"""{"sentiment": "{{sentiment}}", "sentiment_score": 0, "topics": {{topics}}}"""),
            ModerationVerdict = verdict,
        };

    private static OpenTextSnapshot Compute(string config, params ResponseRow[] rows) =>
        (OpenTextSnapshot)ResultsCalculator.Compute(Activity("open_text", config), rows);

    [Fact]
    public void WithoutShowAnswers_OnlyCountsSentimentAndTopicsAreShown()
    {
        var snapshot = Compute(Hidden,
            Answer("More coffee", 1, "positive", """["coffee"]"""), Answer("The room was cold", 2, "negative", """["room", "temperature"]"""),
            Answer("coffee was bad", 2, "negative", """["Coffee"]"""), Answer("not enriched yet", 3));
        Assert.Equal(4, snapshot.TotalAnswers);
        Assert.Equal(3, snapshot.Participants);
        Assert.False(snapshot.AnswersShown);
        Assert.Empty(snapshot.Answers);
        Assert.Equal(1, snapshot.Sentiment["positive"]);
        Assert.Equal(2, snapshot.Sentiment["negative"]);
        Assert.Equal(1, snapshot.Sentiment["unknown"]);
        Assert.Equal(new ValueCount("coffee", 2), snapshot.Topics[0]);
    }

    [Fact]
    public void WithShowAnswers_AnswersAreListedNewestFirstWithTheirEnrichment()
    {
        var snapshot = Compute(Shown, Answer("  First  ", 1, "neutral", """["a"]""", second: 1), Answer("Second", 2, second: 2));
        Assert.Equal(["Second", "First"], snapshot.Answers.Select(a => a.Text));
        Assert.Equal("neutral", snapshot.Answers[1].Sentiment);
        Assert.Equal(["a"], snapshot.Answers[1].Topics);
        Assert.Equal(1, snapshot.Answers[1].ParticipantId);
    }

    [Fact]
    public void Moderated_ShowsOnlyApprovedAnswers_ButCountsUnreviewedOnes()
    {
        var approvedByHost = Answer("host ok", 1) with { ModerationOverride = "approve" };
        var snapshot = Compute(ShownModerated, approvedByHost, Answer("enricher ok", 2, "neutral", verdict: "approve"), Answer("not yet reviewed", 3),
            Answer("flagged", 4, "negative", verdict: "flag"));
        Assert.Equal(3, snapshot.TotalAnswers); // the flagged one is hidden in a moderated activity
        Assert.Equal(["enricher ok", "host ok"], snapshot.Answers.Select(a => a.Text).Order());
    }

    [Fact]
    public void AnonymousAnswers_HaveNoParticipant()
    {
        var snapshot = Compute(Shown, Answer("quiet", 7) with { Anonymous = true });
        Assert.Null(Assert.Single(snapshot.Answers).ParticipantId);
    }

    [Fact]
    public void RemoveAndEdit_TakeTheOldAnswerOutOfEveryCount()
    {
        var aggregator = ResultsCalculator.CreateAggregator(Activity("open_text", Shown));
        var old = Answer("old text", 1, "negative", """["old"]""");
        var kept = Answer("kept", 2, "positive", """["kept"]""");
        aggregator.Add(old);
        aggregator.Add(kept);
        aggregator.Remove(old);
        Assert.Equal(Canonical(Compute(Shown, kept)), Canonical(aggregator.Snapshot()));
        var edited = Response("""{"text": "new text"}""", 1, id: old.Id); // re-enrichment comes later
        aggregator.Add(edited);
        var snapshot = (OpenTextSnapshot)aggregator.Snapshot();
        Assert.Equal(["kept", "new text"], snapshot.Answers.Select(a => a.Text).Order());
        Assert.DoesNotContain(snapshot.Topics, t => t.Value == "old");
        Assert.Equal(0, snapshot.Sentiment["negative"]);
        aggregator.Remove(kept);
        aggregator.Remove(edited);
        Assert.Equal(Canonical(Compute(Shown)), Canonical(aggregator.Snapshot()));
    }
}

using Conflicto.Data.Infrastructure;
using Conflicto.Processing.ActivityTypes;
using static Conflicto.Tests.Unit.Processing.TestRows;

namespace Conflicto.Tests.Unit.Processing.ActivityTypes;

public class ParticipantRulesTests
{
    [Fact]
    public void WordCloud_BudgetIsTheCap_AndCostIsTheWords()
    {
        var rule = ParticipantRules.For(Activity("word_cloud", """{"prompt": "p", "max_words_per_participant": 4}"""))!;

        Assert.Equal(4, rule.Budget);
        Assert.Equal(2, rule.Cost(Json.Parse("""{"words": ["a", " b "]}""")));
        Assert.Null(rule.OnceKey(Json.Parse("""{"word": "a"}""")));
        Assert.Contains("at most 4 word(s) per participant", rule.OverBudget(3), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("qa")]
    [InlineData("qna")]
    public void Qa_TheSameQuestionsVotesShareAKey_WhateverTheirShape(string type)
    {
        var rule = ParticipantRules.For(Activity(type, """{"topic": "t"}"""))!;
        var question = Guid.NewGuid();

        Assert.Equal(rule.OnceKey(Json.Parse($$"""{"upvote": "{{question}}"}""")), rule.OnceKey(Json.Parse($$"""{"type": "vote", "question_id": "{{question}}"}""")));
        Assert.NotEqual(rule.OnceKey(Json.Parse($$"""{"upvote": "{{question}}"}""")), rule.OnceKey(Json.Parse($$"""{"upvote": "{{Guid.NewGuid()}}"}""")));
        Assert.Null(rule.OnceKey(Json.Parse("""{"question": "Why?"}""")));
        Assert.Null(rule.Budget);
    }

    [Theory]
    [InlineData("qna", """{"topic": "t", "allow_multiple_votes": true}""")]
    [InlineData("poll", """{"question": "q", "options": ["a", "b"]}""")]
    [InlineData("custom", "{}")]
    public void OtherActivities_HaveNoRule(string type, string config) => Assert.Null(ParticipantRules.For(Activity(type, config)));
}

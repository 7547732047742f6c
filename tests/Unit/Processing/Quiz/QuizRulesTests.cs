using Conflicto.Data.Infrastructure;
using Conflicto.Processing.ActivityTypes;
using Conflicto.Processing.Quiz;

namespace Conflicto.Tests.Unit.Processing.Quiz;

public sealed class QuizRulesTests
{
    [Fact]
    public void Catalog_KnowsTheQuiz_AndAcceptsAValidConfiguration()
    {
        Assert.NotNull(ActivityTypeCatalog.Find("quiz"));
        Assert.True(ActivityTypeCatalog.Validate("quiz", Json.Parse(QuizTestData.Configuration)).IsValid);
    }

    [Theory]
    [InlineData("""{"questions":[{"text":"Q","options":[{"text":"a"},{"text":"b"}]}]}""", "mark at least one option correct")]
    [InlineData("""{"questions":[{"text":"Q","options":[{"text":"a","correct":true}]}]}""", "options")]
    [InlineData("""{"questions":[{"text":"Q","options":[{"text":"a","correct":true},{"text":"A"}]}]}""", "unique")]
    [InlineData("""{"questions":[{"text":"Q","time_limit_seconds":1,"options":[{"text":"a","correct":true},{"text":"b"}]}]}""", "time_limit_seconds")]
    [InlineData("""{"questions":[]}""", "questions")]
    public void Catalog_RefusesABrokenQuiz(string configuration, string expected)
    {
        var check = ActivityTypeCatalog.Validate("quiz", Json.Parse(configuration));
        Assert.False(check.IsValid);
        Assert.Contains(check.Errors, e => e.Contains(expected, StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("""{"question_index":0,"option_index":1}""", true)]
    [InlineData("""{"question_index":0,"option_indices":[1],"client_elapsed_ms":1234}""", true)]
    [InlineData("""{"question_index":1,"option_indices":[0,2]}""", true)]
    [InlineData("""{"question_index":0,"option_indices":[0,1]}""", false)] // one correct option: one pick
    [InlineData("""{"question_index":0,"option_indices":[3]}""", false)]
    [InlineData("""{"question_index":1,"option_indices":[0,0]}""", false)]
    [InlineData("""{"question_index":7,"option_index":0}""", false)]
    [InlineData("""{"option_index":0}""", false)]
    public void Response_IsAnAnswerToOneOfTheQuestions(string data, bool valid) =>
        Assert.Equal(valid, ResponseRules.Validate(QuizTestData.Activity(), Json.Parse(data)).Count == 0);

    [Fact]
    public void PublicConfiguration_HasNoQuestionsAndNoAnswerKey()
    {
        var config = QuizSecrets.PublicConfiguration("quiz", Json.Parse(QuizTestData.Configuration));
        var text = config.GetRawText();
        Assert.DoesNotContain("correct", text);
        Assert.DoesNotContain("Paris", text);
        Assert.Equal(3, config.GetProperty("question_count").GetInt32());
        Assert.Equal(1000, config.GetProperty("points_base").GetInt32());
        Assert.Equal(text, HostOnlyConfiguration.ForEveryone("quiz", Json.Parse(QuizTestData.Configuration)).GetRawText()); // the one rule
    }

    [Fact]
    public void PublicActivity_CutsBothConfigurationNames_AndLeavesOtherTypesAlone()
    {
        var quiz = Json.Parse($$"""{"activity_type":"quiz","configuration":{{QuizTestData.Configuration}},"config":{{QuizTestData.Configuration}}}""");
        var legacy = Json.Parse($$"""{"type":"quiz","config":{{QuizTestData.Configuration}}}""");
        Assert.DoesNotContain("correct", Conflicto.Server.Access.HostOnlyFields.ForEveryone(legacy).GetRawText());
        Assert.DoesNotContain("correct", Conflicto.Server.Access.HostOnlyFields.ForEveryone(quiz).GetRawText());
        var poll = Json.Parse("""{"activity_type":"poll","configuration":{"question":"correct?","options":["a","b"]}}""");
        Assert.Equal(poll.GetRawText(), Conflicto.Server.Access.HostOnlyFields.ForEveryone(poll).GetRawText());
    }
}

using System.Text.Json;
using Conflicto.Processing.ActivityTypes;
using static Conflicto.Tests.Unit.Processing.TestRows;

namespace Conflicto.Tests.Unit.Processing.ActivityTypes;

/// <summary>The response shapes of the first Conflicto's clients (legacy-clients.md), beside ours.</summary>
public class LegacyResponseRulesTests
{
    private const string Poll = """{"question": "Colour?", "options": ["Red", "Green", "Blue"]}""";
    private const string MultiChoicePoll = """{"question": "Colours?", "options": ["Red", "Green", "Blue"], "allow_multiple_choice": true}""";
    private const string Qna = """{"topic": "AMA"}""";
    private const string Question = "3f2504e0-4f89-11d3-9a0c-0305e82c3301";

    private static IReadOnlyList<string> Validate(string type, string config, string data) =>
        ResponseRules.Validate(Activity(type, config), JsonDocument.Parse(data).RootElement);

    [Theory]
    [InlineData("""{"selected_options": ["Blue"]}""")]
    [InlineData("""{"selected_options": [" blue "]}""")]
    [InlineData("""{"option_index": 2}""")]
    public void Poll_SingleChoice_AcceptsOneSelectedOptionAndOurShapes(string data) => Assert.Empty(Validate("poll", Poll, data));

    [Theory]
    [InlineData("""{"selected_options": ["Blue", "Red"]}""", "allows one option")]
    [InlineData("""{"selected_options": []}""", "at least one")]
    [InlineData("""{"selected_options": ["Purple"]}""", "not one of the poll's options")]
    [InlineData("""{"selected_options": [1]}""", "option texts")]
    [InlineData("""{"selected_options": "Blue"}""", "needs option_index")]
    public void Poll_SingleChoice_RefusesBadSelections(string data, string error) =>
        Assert.Contains(Validate("poll", Poll, data), e => e.Contains(error, StringComparison.Ordinal));

    [Fact]
    public void Poll_AllowMultipleChoice_IsTheSameAsOurAllowMultiple()
    {
        Assert.Empty(Validate("poll", MultiChoicePoll, """{"selected_options": ["Blue", "Red"]}"""));
        Assert.Empty(Validate("poll", MultiChoicePoll, """{"option_indices": [0, 2]}"""));
        Assert.Contains(Validate("poll", MultiChoicePoll, """{"selected_options": ["Blue", "blue"]}"""), e => e.Contains("must not repeat", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("qna")]
    [InlineData("qa")]
    public void Qa_AcceptsLegacyAndOurShapesForBothIds(string type)
    {
        Assert.Empty(Validate(type, Qna, """{"type": "question", "question_text": "Why?"}"""));
        Assert.Empty(Validate(type, Qna, $$"""{"type": "vote", "question_id": "{{Question}}"}"""));
        Assert.Empty(Validate(type, Qna, """{"question": "Why?"}"""));
        Assert.Empty(Validate(type, Qna, $$"""{"upvote": "{{Question}}"}"""));
    }

    [Theory]
    [InlineData("""{"type": "question"}""", "question_text")]
    [InlineData("""{"type": "question", "question_text": "  "}""", "must not be empty")]
    [InlineData("""{"type": "question", "question_text": "Why?", "anonymous": "yes"}""", "anonymous must be true or false")]
    [InlineData("""{"type": "vote", "question_id": "nope"}""", "question_id must be the id")]
    [InlineData("""{"type": "comment", "text": "hi"}""", "a Q&A response needs")]
    public void Qna_RefusesBadLegacyShapes(string data, string error) =>
        Assert.Contains(Validate("qna", Qna, data), e => e.Contains(error, StringComparison.Ordinal));

    [Fact]
    public void Qna_KeepsTheLegacyDefaults_ButQaKeepsOurs()
    {
        var text = new string('x', 400);
        Assert.Empty(Validate("qna", Qna, $$"""{"type": "question", "question_text": "{{text}}", "anonymous": true}"""));
        Assert.Contains(Validate("qa", "{}", $$"""{"type": "question", "question_text": "{{text}}"}"""), e => e.Contains("at most 280", StringComparison.Ordinal));
        Assert.Contains(Validate("qa", "{}", """{"type": "question", "question_text": "Why?", "anonymous": true}"""), e => e.Contains("anonymous questions are turned off", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""{"topic": "AMA", "enable_voting": false}""")]
    [InlineData("""{"topic": "AMA", "allow_upvotes": false}""")]
    public void Qna_VotingOff_RefusesBothVoteShapes(string config)
    {
        Assert.NotEmpty(Validate("qna", config, $$"""{"type": "vote", "question_id": "{{Question}}"}"""));
        Assert.NotEmpty(Validate("qna", config, $$"""{"upvote": "{{Question}}"}"""));
    }

    [Theory]
    [InlineData("""{"words": ["spam"]}""", "not allowed")]
    [InlineData("""{"words": ["SPAM!"]}""", "not allowed")]
    [InlineData("""{"words": ["big data"]}""", "is a phrase")]
    [InlineData("""{"words": ["a", "b", "c"]}""", "at most 2 word(s) per response")]
    [InlineData("""{"words": ["abcdefghijk"]}""", "at most 10 characters")]
    public void WordCloud_LegacySettings_RefuseWithAReadableMessage(string data, string error)
    {
        const string config = """{"prompt": "p", "max_words_per_submission": 2, "max_word_length": 10, "allow_phrases": false, "banned_words": ["Spam"]}""";

        var errors = Validate("word_cloud", config, data);

        Assert.Contains(errors, e => e.Contains(error, StringComparison.Ordinal));
        Assert.DoesNotContain(errors, e => e.Contains("Spam", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void WordCloud_WithoutLegacySettings_StillTakesPhrases()
    {
        Assert.Empty(Validate("word_cloud", """{"prompt": "p"}""", """{"words": ["machine learning"]}"""));
        Assert.Empty(Validate("word_cloud", """{"prompt": "p", "allow_phrases": true, "banned_words": ["spam"]}""", """{"words": ["spammy", "fine"]}"""));
    }

    [Theory]
    [InlineData("""{"prompt": "p"}""", 3, 3)]
    [InlineData("""{"prompt": "p", "max_words_per_participant": 5}""", 5, 5)]
    [InlineData("""{"prompt": "p", "max_words_per_submission": 4}""", 4, 4)]
    [InlineData("""{"prompt": "p", "max_words_per_participant": 6, "max_words_per_submission": 2}""", 6, 2)]
    [InlineData("""{"prompt": "p", "max_words_per_participant": 2, "max_words_per_submission": 5}""", 2, 2)]
    public void WordLimits_CapAndPerSubmission(string config, int cap, int perSubmission)
    {
        var configuration = Activity("word_cloud", config).Configuration;
        Assert.Equal(cap, ConfigKeys.WordCap(configuration));
        Assert.Equal(perSubmission, ConfigKeys.WordsPerSubmission(configuration));
    }
}

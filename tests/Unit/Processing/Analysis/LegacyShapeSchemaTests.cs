using static Conflicto.Tests.Unit.Processing.Analysis.Analyses;

namespace Conflicto.Tests.Unit.Processing.Analysis;

/// <summary>The analysis of a legacy activity describes the legacy shapes the server takes, never a schema it would refuse.</summary>
public class LegacyShapeSchemaTests
{
    private const string Guid = "3f2504e0-4f89-11d3-9a0c-0305e82c3301";

    private static readonly string[] QnaResponses =
    [
        """{"type": "question", "question_text": "Why?"}""", """{"type": "question", "question_text": "Why?", "anonymous": true}""",
        """{"type": "question", "question_text": "Why?", "anonymous": false}""", """{"type": "question", "question_text": "Why?", "anonymous": "yes"}""",
        """{"type": "question", "question_text": "  "}""", """{"type": "question"}""", """{"type": "question", "question_text": 5}""",
        $$"""{"type": "question", "question_text": "{{new string('x', 501)}}"}""", $$"""{"type": "vote", "question_id": "{{Guid}}"}""",
        """{"type": "vote", "question_id": "nope"}""", """{"type": "vote"}""", """{"type": "comment"}""", """{"question": "Why?"}""",
        $$"""{"upvote": "{{Guid}}"}""", $$"""{"upvote": "bad", "type": "vote", "question_id": "{{Guid}}"}""",
        $$"""{"question": 5, "type": "vote", "question_id": "{{Guid}}"}""", """{"question": "Why?", "type": "vote", "question_id": "bad"}""", "{}",
    ];

    [Theory]
    [InlineData("qna", """{"topic": "AMA"}""")]
    [InlineData("qna", """{"topic": "AMA", "enable_voting": false, "allow_anonymous": false}""")]
    [InlineData("qa", "{}")]
    [InlineData("qa", """{"allow_anonymous": true, "max_question_length": 500}""")]
    public void Qa_LegacyShapes_SchemaAgreesWithRules(string type, string config) => AssertAgree(type, config, QnaResponses);

    private static readonly string[] PollResponses =
    [
        """{"selected_options": ["Blue"]}""", """{"selected_options": [" blue "]}""", """{"selected_options": ["Blue", "Red"]}""",
        """{"selected_options": []}""", """{"selected_options": ["Purple"]}""", """{"selected_options": [1]}""", """{"selected_options": "Blue"}""",
        """{"selected_options": ["Blue", "Blue"]}""", """{"option_index": 0, "selected_options": ["Purple"]}""",
        """{"option_indices": "x", "selected_options": ["Red"]}""", """{"option": 3, "selected_options": ["Green"]}""",
    ];

    [Theory]
    [InlineData("""{"question": "Colour?", "options": ["Red", "Green", "Blue"]}""")]
    [InlineData("""{"question": "Colours?", "options": ["Red", "Green", "Blue"], "allow_multiple_choice": true}""")]
    public void Poll_SelectedOptions_SchemaAgreesWithRules(string config) => AssertAgree("poll", config, PollResponses);

    [Fact]
    public void WordCloud_PhrasesOff_SchemaRefusesPhrasesLikeTheRules()
    {
        const string config = """{"prompt": "p", "allow_phrases": false, "max_words_per_submission": 2}""";
        AssertAgree("word_cloud", config,
            ["""{"words": ["one"]}""", """{"words": ["one two"]}""", """{"words": ["a", "b", "c"]}""", """{"word": " solo "}""", """{"word": "a b"}"""]);
    }
}

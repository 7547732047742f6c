using static Conflicto.Tests.Unit.Processing.Analysis.Analyses;

namespace Conflicto.Tests.Unit.Processing.Analysis;

/// <summary>The response schema of each known type gives the same verdict as ResponseRules, response by response.</summary>
public class KnownTypeResponseSchemaTests
{
    private const string Guid = "3f2504e0-4f89-11d3-9a0c-0305e82c3301";

    private static readonly string[] PollResponses =
    [
        """{"option_index": 0}""", """{"option_index": 2}""", """{"option_index": 3}""", """{"option_index": -1}""",
        """{"option_index": "1"}""", """{"option_index": 1.5}""", """{"option_index": 1.0}""", """{"option_index": null}""",
        """{"option_index": 2147483648, "option": "Red"}""", """{"option_index": 5, "option": "Red"}""", """{"option_index": "x", "option": "red"}""",
        """{"option_index": 1, "option": "Purple"}""", """{"option": "Green"}""", """{"option": " gReEn "}""", """{"option": "GREEN\n"}""",
        """{"option": "Purple"}""", """{"option": ""}""", """{"option": "Gree"}""", """{"option": "Greenish"}""", """{"option": "Gr.en"}""",
        """{"option": 1}""", """{"option_indices": [0, 1]}""", """{"option_indices": [0]}""", """{"option_indices": []}""",
        """{"option_indices": [0, 0]}""", """{"option_indices": [3]}""", """{"option_indices": [1.5]}""", """{"option_indices": ["1"]}""",
        """{"option_indices": "0"}""", """{"option": 5, "option_indices": [1]}""", """{"option": "Red", "option_indices": [9]}""",
        """{"option_indices": [0, 1, 2]}""", "{}", """{"choice": 1}""", """{"option_index": 1, "extra": true}""",
    ];

    [Theory]
    [InlineData("""{"question": "Colour?", "options": ["Red", "Green", "Blue"]}""")]
    [InlineData("""{"question": "Colours?", "options": ["Red", "Green", "Blue"], "allow_multiple": true}""")]
    public void Poll_SchemaAgreesWithRules(string config) => AssertAgree("poll", config, PollResponses);

    [Theory]
    [InlineData("""{"option": "c++"}""", true)]
    [InlineData("""{"option": "C#"}""", true)]
    [InlineData("""{"option": "(NONE)"}""", true)]
    [InlineData("""{"option": "aXb"}""", false)]
    [InlineData("""{"option": "a.b"}""", true)]
    [InlineData("""{"option": "üNÏCÖDÉ"}""", true)]
    [InlineData("""{"option": "STRAßE"}""", true)]
    [InlineData("""{"option": "STRASSE"}""", false)]
    [InlineData("""{"option": "x|y"}""", true)]
    [InlineData("""{"option": "x"}""", false)]
    [InlineData("""{"option": "a/b"}""", true)]
    [InlineData("""{"option": "🍕 pizza"}""", true)]
    [InlineData("""{"option": "🍕 PIZZA"}""", true)]
    [InlineData("""{"option": "🍔 pizza"}""", false)]
    public void Poll_OptionTextsWithRegexCharactersAndUnicode_MatchLikeTheRules(string data, bool accepted)
    {
        const string config = """{"question": "q", "options": ["C++", "C#", "(none)", "a.b", "Ünïcödé", "Straße", "x|y", "a/b", "🍕 Pizza"]}""";

        Assert.Equal(accepted, RulesAccept("poll", config, data));
        Assert.Equal(accepted, SchemaAccepts(Analyze("poll", config), data));
    }

    private static readonly string[] WordCloudResponses =
    [
        """{"word": "hello"}""", """{"word": "  hello   world  "}""", """{"word": "hello\tworld"}""", """{"word": ""}""", """{"word": "   "}""",
        $$"""{"word": "{{new string('a', 25)}}"}""", $$"""{"word": "{{new string('a', 26)}}"}""", $$"""{"word": "  {{new string('a', 25)}}  "}""",
        $$"""{"word": "{{new string('a', 12)}}    {{new string('b', 12)}}"}""", $$"""{"word": "{{new string('a', 12)}}  {{new string('b', 13)}}"}""",
        """{"word": "a  b"}""", """{"word": "abcde"}""", """{"word": "abcdef"}""", """{"word": "ab cd"}""", """{"word": "ab  c d"}""",
        """{"words": ["a", "b", "c"]}""", """{"words": ["a", "b", "c", "d"]}""", """{"words": ["a", "a"]}""", """{"words": []}""",
        """{"words": "hello"}""", """{"words": "x", "word": "y"}""", """{"words": ["x"], "word": 5}""", """{"word": 5}""", """{"words": [1]}""",
        """{"words": null, "word": "ok"}""", """{"words": ["abcdef"]}""", """{"words": ["ab cd", "e"]}""", "{}", """{"text": "hi"}""",
    ];

    [Theory]
    [InlineData("""{"prompt": "p"}""")]
    [InlineData("""{"prompt": "p", "max_words_per_participant": 1, "max_word_length": 5}""")]
    [InlineData("""{"prompt": "p", "max_words_per_participant": 10, "max_word_length": 1}""")]
    public void WordCloud_SchemaAgreesWithRules(string config) => AssertAgree("word_cloud", config, WordCloudResponses);

    [Theory]
    [InlineData("""{"words": ["a", 5]}""")]
    [InlineData("""{"words": ["a", "   "]}""")]
    public void WordCloud_JunkInsideWords_IsRefusedByTheSchemaThoughTheRulesSkipIt(string data)
    {
        const string config = """{"prompt": "p"}""";

        Assert.True(RulesAccept("word_cloud", config, data));
        Assert.False(SchemaAccepts(Analyze("word_cloud", config), data));
    }

    private static readonly string[] QaResponses =
    [
        """{"question": "Why?"}""", """{"question": "  Why?  "}""", """{"question": "  "}""", """{"question": ""}""", """{"question": "x"}""",
        $$"""{"question": "{{new string('x', 10)}}"}""", $$"""{"question": "{{new string('x', 11)}}"}""", $$"""{"question": "  {{new string('x', 10)}}\n"}""",
        $$"""{"question": "{{new string('x', 280)}}"}""", $$"""{"question": "  {{new string('x', 280)}}  "}""", $$"""{"question": "{{new string('x', 281)}}"}""",
        """{"question": "a\n\nb"}""", $$"""{"upvote": "{{Guid}}"}""", $$"""{"upvote": "{{{Guid}}}"}""", $$"""{"upvote": "{{Guid.Replace("-", "")}}"}""",
        $$"""{"upvote": " {{Guid}} "}""", $$"""{"upvote": "({{Guid}})"}""", """{"upvote": "nope"}""", """{"upvote": 5}""", """{"upvote": null}""",
        $$"""{"question": 5, "upvote": "{{Guid}}"}""", """{"question": "ok", "upvote": "bad"}""", """{"question": null, "upvote": "bad"}""", "{}",
        $$"""{"upvote": "{{Guid}}x"}""",
    ];

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"max_question_length": 10}""")]
    [InlineData("""{"max_question_length": 1}""")]
    [InlineData("""{"allow_upvotes": false}""")]
    [InlineData("""{"allow_upvotes": "no"}""")]
    public void Qa_SchemaAgreesWithRules(string config) => AssertAgree("qa", config, QaResponses);

    [Theory]
    [InlineData("word_cloud", """{"prompt": "p", "max_words_per_participant": 2147483647, "max_word_length": 2147483647}""")]
    [InlineData("qa", """{"max_question_length": 2147483647}""")]
    public void HugeLimits_StillGiveAWorkingSchema(string type, string config)
    {
        string[] responses = [$$"""{"word": "{{new string('a', 5000)}}"}""", $$"""{"question": "{{new string('q', 5000)}}"}""", """{"word": " "}""", """{"question": " "}"""];

        AssertAgree(type, config, responses);
    }

    private static readonly string[] PlanningPokerResponses =
    [
        """{"value": "5"}""", """{"value": 5}""", """{"value": " 5 "}""", """{"value": "5.0"}""", """{"value": "4"}""", """{"value": 4}""",
        """{"value": "?"}""", """{"value": "? "}""", """{"value": ""}""", """{"value": "  "}""", """{"value": null}""", """{"value": true}""",
        """{"value": false}""", """{"value": [5]}""", """{"value": {"x": 1}}""", "{}", """{"value": "0.5"}""", """{"value": 0.5}""",
        """{"value": "XL"}""", """{"value": "xl"}""", """{"value": "13"}""", """{"value": 13}""", """{"value": "1"}""", """{"value": 1}""",
        """{"value": "☕"}""", """{"value": "true"}""", """{"value": -1}""", """{"value": "-1"}""", """{"value": 100}""", """{"card": "5"}""",
    ];

    [Theory]
    [InlineData("""{"story": "s"}""")]
    [InlineData("""{"story": "s", "card_values": ["1", "2", "3", "5", "?", "☕", "XL"]}""")]
    [InlineData("""{"story": "s", "card_values": [1, 2, 3, 5, 0.5, 100, -1]}""")]
    [InlineData("""{"story": "s", "card_values": [true, "5", " 8 ", ""]}""")]
    public void PlanningPoker_SchemaAgreesWithRules(string config) => AssertAgree("planning_poker", config, PlanningPokerResponses);

    [Fact]
    public void PlanningPoker_NumberWrittenDifferently_IsTheOneResponseTheSchemaLetsThroughAndTheRulesRefuse()
    {
        const string config = """{"story": "s", "card_values": [0.5]}""";

        Assert.False(RulesAccept("planning_poker", config, """{"value": 0.50}"""));
        Assert.True(SchemaAccepts(Analyze("planning_poker", config), """{"value": 0.50}"""));
        Assert.False(SchemaAccepts(Analyze("planning_poker", """{"story": "s", "card_values": [5]}"""), """{"value": 5.0}"""));
    }
}

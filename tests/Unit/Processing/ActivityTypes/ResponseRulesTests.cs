using System.Text.Json;
using Conflicto.Processing.ActivityTypes;
using static Conflicto.Tests.Unit.Processing.TestRows;

namespace Conflicto.Tests.Unit.Processing.ActivityTypes;

public class ResponseRulesTests
{
    private const string Poll = """{"question": "Colour?", "options": ["Red", "Green", "Blue"]}""";
    private const string MultiPoll = """{"question": "Colours?", "options": ["Red", "Green", "Blue"], "allow_multiple": true}""";

    private static IReadOnlyList<string> Validate(string type, string config, string data) =>
        ResponseRules.Validate(Activity(type, config), JsonDocument.Parse(data).RootElement);

    private static void AssertValid(string type, string config, string data) =>
        Assert.Empty(Validate(type, config, data));

    private static void AssertRejected(string type, string config, string data, string containing) =>
        Assert.Contains(Validate(type, config, data), e => e.Contains(containing, StringComparison.Ordinal));

    [Theory]
    [InlineData("poll", Poll)]
    [InlineData("word_cloud", """{"prompt": "p"}""")]
    [InlineData("qa", "{}")]
    [InlineData("planning_poker", """{"story": "s"}""")]
    [InlineData("custom_thing", "{}")]
    public void Validate_NonObjectData_IsRejectedForEveryType(string type, string config)
    {
        foreach (var data in (string[])["[]", "[{\"option_index\": 0}]", "0", "\"5\"", "null", "true"])
            Assert.Equal(["response_data must be a JSON object"], Validate(type, config, data));
    }

    [Theory]
    [InlineData("""{"option_index": 0}""")]
    [InlineData("""{"option_index": 2}""")]
    [InlineData("""{"option": "Green"}""")]
    [InlineData("""{"option": " gReEn "}""")]
    [InlineData("""{"option_index": 1, "comment": "extra fields are ignored"}""")]
    public void Validate_PollSingleChoice_AcceptsIndexOrText(string data) => AssertValid("poll", Poll, data);

    [Theory]
    [InlineData("""{"option_index": -1}""", "option_index must be between 0 and 2")]
    [InlineData("""{"option_index": 3}""", "option_index must be between 0 and 2")]
    [InlineData("""{"option": "Purple"}""", "is not one of the poll's options")]
    [InlineData("""{"option": ""}""", "is not one of the poll's options")]
    [InlineData("""{"option_indices": [0, 1]}""", "this poll allows one option")]
    [InlineData("""{"option_index": "1"}""", "a poll response needs option_index")]
    [InlineData("""{"option_index": 1.5}""", "a poll response needs option_index")]
    [InlineData("""{"option_index": null}""", "a poll response needs option_index")]
    [InlineData("""{"option": 1}""", "a poll response needs option_index")]
    [InlineData("""{"choice": 1}""", "a poll response needs option_index")]
    [InlineData("{}", "a poll response needs option_index")]
    public void Validate_PollSingleChoice_RejectsBadPicks(string data, string error) => AssertRejected("poll", Poll, data, error);

    [Theory]
    [InlineData("""{"option_indices": [0]}""")]
    [InlineData("""{"option_indices": [2, 0]}""")]
    [InlineData("""{"option_indices": [0, 1, 2]}""")]
    [InlineData("""{"option_index": 1}""")]
    [InlineData("""{"option": "blue"}""")]
    public void Validate_PollMultipleChoice_AcceptsSeveralDistinctIndices(string data) => AssertValid("poll", MultiPoll, data);

    [Theory]
    [InlineData("""{"option_indices": []}""", "must pick at least one option")]
    [InlineData("""{"option_indices": [0, 0]}""", "must not repeat an option")]
    [InlineData("""{"option_indices": [0, 3]}""", "must hold integers between 0 and 2")]
    [InlineData("""{"option_indices": [-1]}""", "must hold integers between 0 and 2")]
    [InlineData("""{"option_indices": ["0"]}""", "must hold integers between 0 and 2")]
    [InlineData("""{"option_indices": [0.5]}""", "must hold integers between 0 and 2")]
    [InlineData("""{"option_indices": [[0]]}""", "must hold integers between 0 and 2")]
    [InlineData("""{"option_indices": 0}""", "a poll response needs option_index")]
    public void Validate_PollMultipleChoice_RejectsBadLists(string data, string error) => AssertRejected("poll", MultiPoll, data, error);

    [Fact]
    public void Validate_PollWhoseConfigurationLostItsOptions_RejectsEveryIndex()
    {
        AssertRejected("poll", """{"question": "q"}""", """{"option_index": 0}""", "option_index must be between 0 and -1");
    }

    [Theory]
    [InlineData("""{"word": "agile"}""")]
    [InlineData("""{"word": "  two   words "}""")]
    [InlineData("""{"words": ["a", "b", "c"]}""")]
    [InlineData("""{"words": ["ok", 5, null]}""")] // non-strings are ignored, one word remains
    [InlineData("""{"word": "1234567890123456789012345"}""")] // exactly the default 25
    public void Validate_WordCloudWithDefaults_AcceptsUpToThreeShortWords(string data) =>
        AssertValid("word_cloud", """{"prompt": "p"}""", data);

    [Theory]
    [InlineData("{}", "needs word (a string) or words")]
    [InlineData("""{"word": ""}""", "needs word (a string) or words")]
    [InlineData("""{"word": "   "}""", "needs word (a string) or words")]
    [InlineData("""{"word": 5}""", "needs word (a string) or words")]
    [InlineData("""{"words": []}""", "needs word (a string) or words")]
    [InlineData("""{"words": [1, true, {}]}""", "needs word (a string) or words")]
    [InlineData("""{"words": "a b"}""", "needs word (a string) or words")]
    [InlineData("""{"words": ["a", "b", "c", "d"]}""", "at most 3 word(s) per response")]
    [InlineData("""{"word": "12345678901234567890123456"}""", "each word must be at most 25 characters")]
    public void Validate_WordCloudWithDefaults_RejectsMissingTooManyOrTooLongWords(string data, string error) =>
        AssertRejected("word_cloud", """{"prompt": "p"}""", data, error);

    [Fact]
    public void Validate_WordCloud_HonoursConfiguredLimits()
    {
        const string config = """{"prompt": "p", "max_words_per_participant": 5, "max_word_length": 4}""";
        AssertValid("word_cloud", config, """{"words": ["a", "b", "c", "d", "abcd"]}""");
        AssertRejected("word_cloud", config, """{"words": ["a", "b", "c", "d", "e", "f"]}""", "at most 5 word(s)");
        AssertRejected("word_cloud", config, """{"word": "abcde"}""", "at most 4 characters");
    }

    [Theory]
    [InlineData("""{"question": "Why?"}""")]
    [InlineData("""{"question": "  padded  "}""")]
    [InlineData("""{"upvote": "3f2504e0-4f89-11d3-9a0c-0305e82c3301"}""")]
    [InlineData("""{"upvote": "3F2504E04F8911D39A0C0305E82C3301"}""")]
    public void Validate_Qa_AcceptsQuestionsAndUpvotes(string data) => AssertValid("qa", "{}", data);

    [Theory]
    [InlineData("{}", "needs question (a string) or upvote")]
    [InlineData("""{"question": 5}""", "needs question (a string) or upvote")]
    [InlineData("""{"text": "Why?"}""", "needs question (a string) or upvote")]
    [InlineData("""{"question": ""}""", "question must not be empty")]
    [InlineData("""{"question": "   "}""", "question must not be empty")]
    [InlineData("""{"upvote": "not-a-guid"}""", "upvote must be the id (UUID) of a question")]
    [InlineData("""{"upvote": 5}""", "upvote must be the id (UUID) of a question")]
    [InlineData("""{"upvote": null}""", "upvote must be the id (UUID) of a question")]
    [InlineData("""{"upvote": ["3f2504e0-4f89-11d3-9a0c-0305e82c3301"]}""", "upvote must be the id (UUID) of a question")]
    public void Validate_Qa_RejectsMissingOrMalformedData(string data, string error) => AssertRejected("qa", "{}", data, error);

    [Fact]
    public void Validate_QaQuestionLength_DefaultsTo280AndHonoursConfiguration()
    {
        AssertValid("qa", "{}", $$"""{"question": "{{new string('q', 280)}}"}""");
        AssertRejected("qa", "{}", $$"""{"question": "{{new string('q', 281)}}"}""", "at most 280 characters");
        AssertValid("qa", """{"max_question_length": 10}""", """{"question": "  0123456789  "}""");
        AssertRejected("qa", """{"max_question_length": 10}""", """{"question": "01234567890"}""", "at most 10 characters");
    }

    [Fact]
    public void Validate_QaUpvoteWhenUpvotesAreOff_IsRejected()
    {
        AssertRejected("qa", """{"allow_upvotes": false}""", """{"upvote": "3f2504e0-4f89-11d3-9a0c-0305e82c3301"}""", "upvotes are turned off");
        AssertValid("qa", """{"allow_upvotes": false}""", """{"question": "still allowed"}""");
    }

    [Theory]
    [InlineData("""{"value": "5"}""")]
    [InlineData("""{"value": 5}""")]
    [InlineData("""{"value": " 13 "}""")]
    [InlineData("""{"value": "?"}""")]
    [InlineData("""{"value": 0}""")]
    public void Validate_PlanningPokerWithDefaultDeck_AcceptsItsCards(string data) =>
        AssertValid("planning_poker", """{"story": "s"}""", data);

    [Theory]
    [InlineData("{}", "needs value")]
    [InlineData("""{"value": ""}""", "needs value")]
    [InlineData("""{"value": null}""", "needs value")]
    [InlineData("""{"value": ["5"]}""", "needs value")]
    [InlineData("""{"value": {"card": 5}}""", "needs value")]
    [InlineData("""{"value": "4"}""", "value must be one of: 0, 1, 2, 3, 5, 8, 13, 21, ?")]
    [InlineData("""{"value": 5.0}""", "value must be one of")]
    [InlineData("""{"value": true}""", "value must be one of")]
    public void Validate_PlanningPokerWithDefaultDeck_RejectsOtherValues(string data, string error) =>
        AssertRejected("planning_poker", """{"story": "s"}""", data, error);

    [Fact]
    public void Validate_PlanningPokerWithCustomDeck_AcceptsOnlyThatDeck()
    {
        const string tshirt = """{"story": "s", "card_values": ["XS", "S", "M"]}""";
        AssertValid("planning_poker", tshirt, """{"value": "M"}""");
        AssertRejected("planning_poker", tshirt, """{"value": "5"}""", "value must be one of: XS, S, M");
        AssertRejected("planning_poker", tshirt, """{"value": "m"}""", "value must be one of");

        const string numbers = """{"story": "s", "card_values": [1, 2, 3]}""";
        AssertValid("planning_poker", numbers, """{"value": 2}""");
        AssertValid("planning_poker", numbers, """{"value": "2"}""");
        AssertRejected("planning_poker", numbers, """{"value": 5}""", "value must be one of: 1, 2, 3");
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"anything": [1, {"deep": null}]}""")]
    public void Validate_UnknownType_AcceptsAnyObject(string data) => AssertValid("custom_thing", """{"whatever": true}""", data);
}

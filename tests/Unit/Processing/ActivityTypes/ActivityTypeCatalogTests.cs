using System.Text.Json;
using Conflicto.Processing.ActivityTypes;

namespace Conflicto.Tests.Unit.Processing.ActivityTypes;

public class ActivityTypeCatalogTests
{
    private static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement;

    private static ConfigurationCheck Check(string type, string config) => ActivityTypeCatalog.Validate(type, Json(config));

    private static void AssertInvalid(ConfigurationCheck check, string field)
    {
        Assert.False(check.IsValid);
        Assert.Contains(check.Errors, e => e.StartsWith(field, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("poll", """{"question": "Lunch?", "options": ["Pizza", "Sushi"]}""")]
    [InlineData("poll", """{"question": "Lunch?", "options": ["Pizza", "Sushi", "Tacos"], "allow_multiple": true, "anonymous_voting": true, "show_results": false, "time_limit_seconds": 60}""")]
    [InlineData("poll", """{"question": "Lunch?", "options": ["Pizza", "Sushi"], "extra": {"anything": [1, 2]}}""")]
    [InlineData("word_cloud", """{"prompt": "One word for today"}""")]
    [InlineData("word_cloud", """{"prompt": "p", "max_words_per_participant": 10, "max_word_length": 50, "allow_anonymous": true, "moderation": true, "time_limit_seconds": 86400}""")]
    [InlineData("qa", "{}")]
    [InlineData("qa", """{"topic": "AMA", "allow_anonymous": true, "allow_upvotes": false, "moderation": false, "max_question_length": 10}""")]
    [InlineData("planning_poker", """{"story": "Login page", "card_values": ["1", "2", "3", "?"]}""")]
    [InlineData("planning_poker", """{"story": "Login page", "card_values": [1, 2, 3.5, "coffee"], "anonymous_voting": true}""")]
    public void Validate_KnownTypeWithValidConfiguration_HasNoErrors(string type, string config)
    {
        var check = Check(type, config);
        Assert.True(check.IsValid, string.Join("; ", check.Errors));
        Assert.Empty(check.Errors);
    }

    [Theory]
    [InlineData("poll", """{"options": ["a", "b"]}""", "question")]
    [InlineData("poll", """{"question": "q"}""", "options")]
    [InlineData("poll", """{"question": "", "options": ["a", "b"]}""", "question")]
    [InlineData("poll", """{"question": 5, "options": ["a", "b"]}""", "question")]
    [InlineData("poll", """{"question": "q", "options": ["only one"]}""", "options")]
    [InlineData("poll", """{"question": "q", "options": "a,b"}""", "options")]
    [InlineData("poll", """{"question": "q", "options": ["a", 2]}""", "options")]
    [InlineData("poll", """{"question": "q", "options": ["a", ""]}""", "options")]
    [InlineData("poll", """{"question": "q", "options": ["a", "b"], "allow_multiple": "yes"}""", "allow_multiple")]
    [InlineData("poll", """{"question": "q", "options": ["a", "b"], "anonymous_voting": 1}""", "anonymous_voting")]
    [InlineData("poll", """{"question": "q", "options": ["a", "b"], "time_limit_seconds": 0}""", "time_limit_seconds")]
    [InlineData("poll", """{"question": "q", "options": ["a", "b"], "time_limit_seconds": 86401}""", "time_limit_seconds")]
    [InlineData("poll", """{"question": "q", "options": ["a", "b"], "time_limit_seconds": 1.5}""", "time_limit_seconds")]
    [InlineData("poll", """{"question": "q", "options": ["a", "b"], "time_limit_seconds": "60"}""", "time_limit_seconds")]
    [InlineData("word_cloud", "{}", "prompt")]
    [InlineData("word_cloud", """{"prompt": ""}""", "prompt")]
    [InlineData("word_cloud", """{"prompt": ["p"]}""", "prompt")]
    [InlineData("word_cloud", """{"prompt": "p", "max_words_per_participant": 0}""", "max_words_per_participant")]
    [InlineData("word_cloud", """{"prompt": "p", "max_words_per_participant": 11}""", "max_words_per_participant")]
    [InlineData("word_cloud", """{"prompt": "p", "max_word_length": 51}""", "max_word_length")]
    [InlineData("word_cloud", """{"prompt": "p", "max_word_length": "25"}""", "max_word_length")]
    [InlineData("word_cloud", """{"prompt": "p", "moderation": null}""", "moderation")]
    [InlineData("qa", """{"topic": 7}""", "topic")]
    [InlineData("qa", """{"max_question_length": 9}""", "max_question_length")]
    [InlineData("qa", """{"max_question_length": 1001}""", "max_question_length")]
    [InlineData("qa", """{"allow_upvotes": "false"}""", "allow_upvotes")]
    [InlineData("planning_poker", "{}", "story")]
    [InlineData("planning_poker", """{"story": ""}""", "story")]
    [InlineData("planning_poker", """{"story": "s", "card_values": ["1"]}""", "card_values")]
    [InlineData("planning_poker", """{"story": "s", "card_values": "1,2,3"}""", "card_values")]
    [InlineData("planning_poker", """{"story": "s", "card_values": ["1", {"v": 2}]}""", "card_values")]
    [InlineData("planning_poker", """{"story": "s", "card_values": ["1", null]}""", "card_values")]
    public void Validate_SchemaViolation_NamesTheField(string type, string config, string field)
    {
        AssertInvalid(Check(type, config), field);
    }

    [Fact]
    public void Validate_PollWithTooLongTexts_IsInvalid()
    {
        AssertInvalid(Check("poll", $$"""{"question": "{{new string('q', 501)}}", "options": ["a", "b"]}"""), "question");
        AssertInvalid(Check("poll", $$"""{"question": "q", "options": ["a", "{{new string('o', 201)}}"]}"""), "options");
        Assert.True(Check("poll", $$"""{"question": "{{new string('q', 500)}}", "options": ["a", "{{new string('o', 200)}}"]}""").IsValid);
    }

    [Fact]
    public void Validate_PollOptionCount_IsBetweenTwoAndTwenty()
    {
        string Options(int n) => $$"""{"question": "q", "options": [{{string.Join(",", Enumerable.Range(1, n).Select(i => $"\"o{i}\""))}}]}""";
        Assert.True(Check("poll", Options(20)).IsValid);
        AssertInvalid(Check("poll", Options(21)), "options");
        AssertInvalid(Check("poll", Options(1)), "options");
        AssertInvalid(Check("poll", Options(0)), "options");
    }

    [Theory]
    [InlineData("""["Red", "red"]""")]
    [InlineData("""["Red", " Red "]""")]
    [InlineData("""["A", "B", "a"]""")]
    public void Validate_PollWithDuplicateOptions_IsInvalid(string options)
    {
        var check = Check("poll", $$"""{"question": "q", "options": {{options}}}""");
        Assert.Contains("options: option texts must be unique", check.Errors);
    }

    [Fact]
    public void Validate_PollWithBlankOption_IsInvalid()
    {
        Assert.Contains("options: option texts must not be blank", Check("poll", """{"question": "q", "options": ["a", "   "]}""").Errors);
    }

    [Theory]
    [InlineData("""["1", "1"]""")]
    [InlineData("""["1", 1]""")]
    [InlineData("""[3, 5, 3]""")]
    public void Validate_PlanningPokerWithDuplicateCards_IsInvalid(string cards)
    {
        var check = Check("planning_poker", $$"""{"story": "s", "card_values": {{cards}}}""");
        Assert.Contains("card_values: card values must be unique", check.Errors);
    }

    [Fact]
    public void Validate_PlanningPokerWithoutCards_WarnsAboutTheDefaultDeck()
    {
        var check = Check("planning_poker", """{"story": "s"}""");
        Assert.True(check.IsValid);
        var warning = Assert.Single(check.Warnings);
        Assert.Contains("0, 1, 2, 3, 5, 8, 13, 21, ?", warning);
    }

    [Theory]
    [InlineData("poll", "[]")]
    [InlineData("poll", "\"question\"")]
    [InlineData("word_cloud", "42")]
    [InlineData("qa", "null")]
    [InlineData("planning_poker", "true")]
    [InlineData("custom_thing", "[1, 2]")]
    public void Validate_NonObjectConfiguration_IsInvalidForAnyType(string type, string config)
    {
        var check = Check(type, config);
        Assert.Equal(["(root): configuration must be a JSON object"], check.Errors);
    }

    [Theory]
    [InlineData("custom_thing", "{}")]
    [InlineData("trivia", """{"questions": [{"q": 1}], "deeply": {"nested": {"junk": [null, true]}}}""")]
    [InlineData("Poll", """{"not": "validated as a poll"}""")]
    public void Validate_UnknownType_IsValidWithAWarning(string type, string config)
    {
        var check = Check(type, config);
        Assert.True(check.IsValid);
        var warning = Assert.Single(check.Warnings);
        Assert.Contains($"'{type}'", warning);
    }

    [Theory]
    [InlineData("poll", true)]
    [InlineData("planning_poker", true)]
    [InlineData("word_cloud", false)]
    [InlineData("qa", false)]
    [InlineData("custom_thing", false)]
    public void IsSingleSlot_IsTrueForVotes(string type, bool singleSlot)
    {
        Assert.Equal(singleSlot, ActivityTypeCatalog.IsSingleSlot(type));
    }

    [Fact]
    public void Known_ListsTheNineTypesWithParsableSchemas()
    {
        Assert.Equal(["poll", "word_cloud", "qa", "qna", "planning_poker", "scale", "ranking", "open_text", "numeric", "quiz"], ActivityTypeCatalog.Known.Select(t => t.Id));
        foreach (var type in ActivityTypeCatalog.Known)
        {
            Assert.Same(type, ActivityTypeCatalog.Find(type.Id));
            Assert.Equal(JsonValueKind.Object, Json(type.ConfigurationSchema).ValueKind);
        }
        Assert.Null(ActivityTypeCatalog.Find("nope"));
    }
}

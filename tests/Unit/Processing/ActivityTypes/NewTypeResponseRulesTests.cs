using System.Text.Json;
using Conflicto.Processing.ActivityTypes;
using static Conflicto.Tests.Unit.Processing.TestRows;

namespace Conflicto.Tests.Unit.Processing.ActivityTypes;

/// <summary>Response rules and configuration checks of scale, ranking, open text and numeric guess.</summary>
public class NewTypeResponseRulesTests
{
    private const string Scale = """{"question": "How was it?", "scale_max": 4}""";
    private const string Statements = """{"question": "Rate", "statements": ["A", "B"]}""";
    private const string Ranking = """{"question": "Order", "items": ["A", "B", "C"]}""";
    private const string PartialRanking = """{"question": "Order", "items": ["A", "B", "C"], "allow_partial": true}""";
    private const string OpenText = """{"question": "Ideas?", "max_length": 10}""";
    private const string Numeric = """{"question": "Guess", "min": -10, "max": 10.5}""";
    private const string Integers = """{"question": "Guess", "min": 0, "max": 100, "integers_only": true}""";

    private static IReadOnlyList<string> Validate(string type, string config, string data) =>
        ResponseRules.Validate(Activity(type, config), JsonDocument.Parse(data).RootElement);

    [Theory]
    [InlineData("scale", Scale, """{"rating": 1}""")]
    [InlineData("scale", Scale, """{"rating": 4}""")]
    [InlineData("scale", Scale, """{"ratings": [3]}""")]
    [InlineData("scale", Statements, """{"ratings": [5, null]}""")]
    [InlineData("ranking", Ranking, """{"order": [2, 0, 1]}""")]
    [InlineData("ranking", PartialRanking, """{"order": [1]}""")]
    [InlineData("open_text", OpenText, """{"text": "  ten chars!  "}""")]
    [InlineData("numeric", Numeric, """{"value": -10}""")]
    [InlineData("numeric", Numeric, """{"value": 10.5}""")]
    [InlineData("numeric", Integers, """{"value": 42}""")]
    public void Validate_AcceptsWellFormedResponses(string type, string config, string data) => Assert.Empty(Validate(type, config, data));

    [Theory]
    [InlineData("scale", Scale, """{"rating": 5}""", "rating must be an integer from 1 to 4")]
    [InlineData("scale", Scale, """{"rating": 0}""", "rating must be an integer from 1 to 4")]
    [InlineData("scale", Scale, """{"rating": 2.5}""", "rating must be an integer from 1 to 4")]
    [InlineData("scale", Scale, """{"value": 2}""", "a scale response needs rating")]
    [InlineData("scale", Statements, """{"rating": 2}""", "this scale rates 2 statements: send ratings")]
    [InlineData("scale", Statements, """{"ratings": [2]}""", "ratings must have 2 entries")]
    [InlineData("scale", Statements, """{"ratings": [null, null]}""", "rate at least one statement")]
    [InlineData("scale", Statements, """{"ratings": [2, "3"]}""", "each rating must be an integer from 1 to 5")]
    [InlineData("ranking", Ranking, """{"order": [0, 1]}""", "order must list all 3 item indices")]
    [InlineData("ranking", Ranking, """{"order": [0, 0, 1]}""", "order must not list an item twice")]
    [InlineData("ranking", Ranking, """{"order": [0, 1, 3]}""", "order must hold item indices from 0 to 2")]
    [InlineData("ranking", Ranking, """{"order": "0,1,2"}""", "a ranking response needs order")]
    [InlineData("ranking", PartialRanking, """{"order": []}""", "order must list at least one of the 3 item indices")]
    [InlineData("open_text", OpenText, """{"text": "eleven chars"}""", "text must be at most 10 characters")]
    [InlineData("open_text", OpenText, """{"text": "   "}""", "text must not be empty")]
    [InlineData("open_text", OpenText, """{"answer": "hi"}""", "an open text response needs text")]
    [InlineData("numeric", Numeric, """{"value": 11}""", "value must be a number from -10 to 10.5")]
    [InlineData("numeric", Numeric, """{"value": "5"}""", "a numeric response needs value (a number from -10 to 10.5)")]
    [InlineData("numeric", Integers, """{"value": 4.5}""", "value must be a whole number")]
    [InlineData("numeric", Integers, """{"value": 4.0}""", "value must be a whole number")]
    public void Validate_RefusesWithAClearMessage(string type, string config, string data, string message) =>
        Assert.Contains(Validate(type, config, data), e => e.Contains(message, StringComparison.Ordinal));

    [Theory]
    [InlineData("scale", """{"question": "q", "scale_max": 3, "labels": ["a", "b"]}""", "labels: give exactly one label per point (3)")]
    [InlineData("scale", """{"question": "q", "statements": ["A", "a"]}""", "statements: statements must be unique")]
    [InlineData("scale", """{"question": "q", "scale_max": 11}""", "scale_max")]
    [InlineData("ranking", """{"question": "q", "items": ["A", " a "]}""", "items: item texts must be unique")]
    [InlineData("ranking", """{"question": "q", "items": ["A"]}""", "items")]
    [InlineData("open_text", """{"question": "q", "max_length": 5}""", "max_length")]
    [InlineData("numeric", """{"question": "q", "min": 5, "max": 5}""", "max: max must be greater than min")]
    [InlineData("numeric", """{"question": "q", "min": 0, "max": 10, "correct_value": 11}""", "correct_value: correct_value must be between min and max")]
    [InlineData("numeric", """{"question": "q", "min": 0}""", "max")]
    public void Configuration_IsCheckedWithFriendlyErrors(string type, string config, string error) =>
        Assert.Contains(ActivityTypeCatalog.Validate(type, JsonDocument.Parse(config).RootElement).Errors, e => e.Contains(error, StringComparison.Ordinal));

    [Fact]
    public void OpenText_IsEnrichedFreeText_TheOthersAreNot()
    {
        Assert.Equal("hi there", Conflicto.Processing.Enrichment.FreeText.Extract("open_text", JsonDocument.Parse("""{"text": " hi there "}""").RootElement));
        Assert.Null(Conflicto.Processing.Enrichment.FreeText.Extract("scale", JsonDocument.Parse("""{"rating": 3}""").RootElement));
    }

    [Fact]
    public void OpenText_CapsAnswersPerParticipant()
    {
        var rule = ParticipantRules.For(Activity("open_text", """{"question": "q", "max_answers_per_participant": 2}"""))!;
        Assert.Equal(2, rule.Budget);
        Assert.Equal(1, rule.Cost(JsonDocument.Parse("""{"text": "x"}""").RootElement));
        Assert.Contains("at most 2 answer(s)", rule.OverBudget(2), StringComparison.Ordinal);
    }

    [Fact]
    public void Numeric_CorrectValueIsHostOnlyUntilRevealed()
    {
        var hidden = JsonDocument.Parse("""{"question": "q", "min": 0, "max": 10, "correct_value": 7}""").RootElement;
        var revealed = JsonDocument.Parse("""{"question": "q", "min": 0, "max": 10, "correct_value": 7, "revealed": true}""").RootElement;
        Assert.False(HostOnlyConfiguration.ForEveryone("numeric", hidden).TryGetProperty("correct_value", out _));
        Assert.Equal("q", HostOnlyConfiguration.ForEveryone("numeric", hidden).GetProperty("question").GetString());
        Assert.Equal(7, HostOnlyConfiguration.ForEveryone("numeric", revealed).GetProperty("correct_value").GetInt32());
        Assert.False(HostOnlyConfiguration.Hides("poll", hidden));
    }
}

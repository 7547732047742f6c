using System.Text.Json;
using Conflicto.Processing.Analysis;
using static Conflicto.Tests.Unit.Processing.Analysis.Analyses;

namespace Conflicto.Tests.Unit.Processing.Analysis;

public class RuleBasedAnalyzerTests
{
    [Fact]
    public void Poll_SingleChoice_RendersOptionsAndBarChart()
    {
        var render = Analyze("poll", """{"question": "Colour?", "options": ["Red", "Green", "Blue"]}""");

        Assert.Equal("single_choice", render.Participant.Widget);
        Assert.Equal("Colour?", render.Participant.Prompt);
        Assert.Equal(["Red", "Green", "Blue"], render.Participant.Options!);
        Assert.Equal((1, 1), (render.Participant.MinSelections, render.Participant.MaxSelections));
        Assert.Equal(new ViewerRender("bar_chart", "Colour?", "option_index"), render.Viewer);
        Assert.Equal("rule-based", render.Analyzer);
    }

    [Fact]
    public void Poll_AllowMultiple_RendersMultipleChoiceUpToEveryOption()
    {
        var render = Analyze("poll", """{"question": "Colours?", "options": ["Red", "Green", "Blue"], "allow_multiple": true}""");

        Assert.Equal("multiple_choice", render.Participant.Widget);
        Assert.Equal((1, 3), (render.Participant.MinSelections, render.Participant.MaxSelections));
        Assert.Equal("option_indices", render.Viewer.Field);
    }

    [Fact]
    public void WordCloud_RendersWordListWithTheConfiguredLimits()
    {
        var render = Analyze("word_cloud", """{"prompt": "One word?", "max_words_per_participant": 2, "max_word_length": 12}""");

        Assert.Equal(new ParticipantRender("word_list", "One word?", MaxLength: 12, MaxItems: 2), render.Participant);
        Assert.Equal("word_cloud", render.Viewer.Chart);
    }

    [Fact]
    public void WordCloud_WithoutLimits_UsesTheRulesDefaults()
    {
        var render = Analyze("word_cloud", """{"prompt": "One word?"}""");

        Assert.Equal((25, 3), (render.Participant.MaxLength, render.Participant.MaxItems));
    }

    [Fact]
    public void Qa_RendersQuestionBoardAndRankedList()
    {
        var render = Analyze("qa", """{"topic": "Ask me anything", "max_question_length": 100}""");

        Assert.Equal(new ParticipantRender("question_board", "Ask me anything", MaxLength: 100), render.Participant);
        Assert.Equal(new ViewerRender("ranked_list", "Ask me anything", "question"), render.Viewer);
    }

    [Fact]
    public void Qa_WithoutTopicOrLimit_PromptsWithTheTitleAndAllows280Characters()
    {
        var render = Analyze("qa", "{}", title: "Town hall");

        Assert.Equal(("Town hall", 280), (render.Participant.Prompt, render.Participant.MaxLength));
    }

    [Fact]
    public void PlanningPoker_WithoutDeck_OffersTheDefaultCardsAsStrings()
    {
        var render = Analyze("planning_poker", """{"story": "Login page"}""");

        Assert.Equal("card_picker", render.Participant.Widget);
        Assert.Equal(["0", "1", "2", "3", "5", "8", "13", "21", "?"], render.Participant.Options!);
        Assert.Equal(new ViewerRender("distribution", "Login page", "value"), render.Viewer);
    }

    [Fact]
    public void PlanningPoker_NumericDeck_OffersCardsAsTheirJsonText()
    {
        var render = Analyze("planning_poker", """{"story": "s", "card_values": [1, 2, 3.5, "XL", true]}""");

        Assert.Equal(["1", "2", "3.5", "XL", "true"], render.Participant.Options!);
    }

    [Fact]
    public void ResponseSchema_IsDraft07ForAnObject()
    {
        foreach (var (type, config) in KnownConfigurations)
        {
            var schema = Analyze(type, config).ResponseSchema;
            Assert.Equal("http://json-schema.org/draft-07/schema#", schema.GetProperty("$schema").GetString());
            Assert.Equal("object", schema.GetProperty("type").GetString());
            Assert.False(SchemaAccepts(Analyze(type, config), "[]"), $"{type} accepts an array");
        }
    }

    [Fact]
    public void Serialized_UsesSnakeCaseNames()
    {
        var json = Serialize(Analyze("poll", """{"question": "q", "options": ["a", "b"]}"""));

        Assert.Contains("\"response_schema\":", json);
        Assert.Contains("\"min_selections\":1", json);
        Assert.Contains("\"participant\":{\"widget\":\"single_choice\"", json);
    }

    [Fact]
    public void Analyze_SameInputTwice_SerializesByteForByteTheSame()
    {
        foreach (var (type, config) in KnownConfigurations)
            Assert.Equal(Serialize(Analyze(type, config)), Serialize(Analyze(type, config)));
    }

    [Fact]
    public async Task AnalyzeAsync_ReturnsTheSameRenderAsAnalyze()
    {
        var analyzer = new RuleBasedAnalyzer();
        var input = new ActivityAnalysisInput("poll", "t", JsonDocument.Parse("""{"question": "q", "options": ["a", "b"]}""").RootElement);

        var render = await analyzer.AnalyzeAsync(input, CancellationToken.None);

        Assert.Equal("rule-based", analyzer.Name);
        Assert.Equal(Serialize(RuleBasedAnalyzer.Analyze(input)), Serialize(render));
    }

    [Fact]
    public async Task AnalyzeAsync_Cancelled_Throws()
    {
        var input = new ActivityAnalysisInput("poll", "t", JsonDocument.Parse("{}").RootElement);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new RuleBasedAnalyzer().AnalyzeAsync(input, new CancellationToken(canceled: true)));
    }

    [Theory]
    [InlineData("poll", """{"question": "q", "options": 5}""")]
    [InlineData("poll", """{"question": "q", "options": []}""")]
    [InlineData("poll", """{"options": [null, {"a": 1}]}""")]
    [InlineData("word_cloud", """{"max_words_per_participant": 0, "max_word_length": -4}""")]
    [InlineData("qa", """{"max_question_length": 0, "allow_upvotes": false}""")]
    public void KnownType_UnusableConfiguration_RendersAndAcceptsNothingLikeTheRules(string type, string config)
    {
        var render = Analyze(type, config);

        foreach (var data in (string[])["{}", """{"option_index": 0}""", """{"option": ""}""", """{"word": "a"}""", """{"question": "q"}""", """{"value": "0"}"""])
        {
            Assert.False(RulesAccept(type, config, data));
            Assert.False(SchemaAccepts(render, data), data);
        }
    }

    [Fact]
    public void PlanningPoker_DeckWithoutScalars_FallsBackToTheDefaultDeckLikeTheRules()
    {
        const string config = """{"story": "s", "card_values": [[], {}, null]}""";
        var render = Analyze("planning_poker", config);

        Assert.Equal(9, render.Participant.Options!.Count);
        Assert.True(RulesAccept("planning_poker", config, """{"value": "13"}"""));
        Assert.True(SchemaAccepts(render, """{"value": "13"}"""));
    }

    internal static readonly (string Type, string Config)[] KnownConfigurations =
    [
        ("poll", """{"question": "Colour?", "options": ["Red", "Green", "Blue"]}"""),
        ("poll", """{"question": "Colours?", "options": ["Red", "Green", "Blue"], "allow_multiple": true}"""),
        ("word_cloud", """{"prompt": "p"}"""),
        ("qa", "{}"),
        ("qa", """{"allow_upvotes": false}"""),
        ("planning_poker", """{"story": "s"}"""),
        ("planning_poker", """{"story": "s", "card_values": [1, 2, 0.5, "XL"]}"""),
    ];
}

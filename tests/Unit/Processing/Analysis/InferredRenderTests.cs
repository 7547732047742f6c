using static Conflicto.Tests.Unit.Processing.Analysis.Analyses;

namespace Conflicto.Tests.Unit.Processing.Analysis;

/// <summary>Unknown activity types: the render is read from the configuration's shape.</summary>
public class InferredRenderTests
{
    [Fact]
    public void OptionsList_IsASingleChoiceInThePollFormat()
    {
        var render = Analyze("trivia", """{"question": "2 + 2?", "answers": ["3", "4", "5"], "correct": 1}""");

        Assert.Equal("single_choice", render.Participant.Widget);
        Assert.Equal("2 + 2?", render.Participant.Prompt);
        Assert.Equal(["3", "4", "5"], render.Participant.Options!);
        Assert.Equal(("bar_chart", "option_index"), (render.Viewer.Chart, render.Viewer.Field));
        Assert.True(SchemaAccepts(render, """{"option_index": 2}"""));
        Assert.True(SchemaAccepts(render, """{"option": "4"}"""));
        Assert.False(SchemaAccepts(render, """{"option_index": 3}"""));
        Assert.False(SchemaAccepts(render, """{"option": "6"}"""));
        Assert.False(SchemaAccepts(render, """{"option_indices": [0, 1]}"""));
    }

    [Theory]
    [InlineData("allow_multiple")]
    [InlineData("allowMultiple")]
    [InlineData("multi_select")]
    [InlineData("Multiple")]
    public void OptionsWithAMultipleFlag_IsAMultipleChoice(string flag)
    {
        var render = Analyze("vote", $$"""{"choices": ["a", "b", "c"], "{{flag}}": true}""");

        Assert.Equal("multiple_choice", render.Participant.Widget);
        Assert.Equal((1, 3), (render.Participant.MinSelections, render.Participant.MaxSelections));
        Assert.True(SchemaAccepts(render, """{"option_indices": [0, 2]}"""));
        Assert.False(SchemaAccepts(render, """{"option_indices": [0, 0]}"""));
    }

    [Fact]
    public void OptionsWithMaxSelections_LimitsTheSelections()
    {
        var render = Analyze("vote", """{"options": ["a", "b", "c", "d"], "max_selections": 2}""");

        Assert.Equal(("multiple_choice", 2), (render.Participant.Widget, render.Participant.MaxSelections));
        Assert.True(SchemaAccepts(render, """{"option_indices": [1, 3]}"""));
        Assert.False(SchemaAccepts(render, """{"option_indices": [0, 1, 2]}"""));
    }

    [Theory]
    [InlineData("""{"options": [{"label": "Red", "id": 1}, {"text": "Green"}, {"x": 2}]}""", new[] { "Red", "Green" })]
    [InlineData("""{"options": {"r": "Red", "g": "Green", "shuffle": true}}""", new[] { "Red", "Green" })]
    [InlineData("""{"options": "Red, Green ,Blue"}""", new[] { "Red", "Green", "Blue" })]
    [InlineData("""{"options": [1, {"x": 2}, null, true, "  ", "b", "B", 2.5]}""", new[] { "1", "true", "b", "2.5" })]
    [InlineData("""{"settings": {"poll": {"options": ["x", "y"]}}}""", new[] { "x", "y" })]
    [InlineData("""{"options": {"shuffle": true}, "choices": ["x", "y"]}""", new[] { "x", "y" })]
    public void OddOptionShapes_AreCoercedToTexts(string config, string[] expected)
    {
        var render = Analyze("custom", config);

        Assert.Equal("single_choice", render.Participant.Widget);
        Assert.Equal(expected, render.Participant.Options!);
    }

    [Fact]
    public void TenThousandOptions_OffersTheFirstFiftyAndSaysSo()
    {
        var config = $$"""{"options": [{{string.Join(", ", Enumerable.Range(0, 10_000).Select(i => $"\"o{i}\""))}}]}""";

        var render = Analyze("custom", config);

        Assert.Equal(50, render.Participant.Options!.Count);
        Assert.Equal("o49", render.Participant.Options[^1]);
        Assert.Contains("10000 options; only the first 50", render.ResponseSchema.GetProperty("description").GetString());
        Assert.True(SchemaAccepts(render, """{"option_index": 49}"""));
        Assert.False(SchemaAccepts(render, """{"option_index": 50}"""));
    }

    [Fact]
    public void HugeOptionText_IsShortened()
    {
        var render = Analyze("custom", $$"""{"options": ["{{new string('x', 100_000)}}", "b"]}""");

        Assert.Equal(200, render.Participant.Options![0].Length);
        Assert.EndsWith("…", render.Participant.Options[0]);
    }

    [Fact]
    public void MinAndMax_IsAnIntegerScaleShownAsADistribution()
    {
        var render = Analyze("mood", """{"prompt": "How do you feel?", "min": 1, "max": 10}""");

        Assert.Equal(new Conflicto.Processing.Analysis.ParticipantRender("scale", "How do you feel?", Min: 1, Max: 10), render.Participant);
        Assert.Equal(("distribution", "value"), (render.Viewer.Chart, render.Viewer.Field));
        Assert.True(SchemaAccepts(render, """{"value": 10}"""));
        Assert.False(SchemaAccepts(render, """{"value": 11}"""));
        Assert.False(SchemaAccepts(render, """{"value": 2.5}"""));
        Assert.False(SchemaAccepts(render, """{"value": "3"}"""));
        Assert.False(SchemaAccepts(render, "{}"));
    }

    [Fact]
    public void FractionalStep_IsANumberScaleOnTheStep()
    {
        var render = Analyze("slider", """{"scale_min": 0, "scale_max": 5, "step": 0.5}""");

        Assert.Equal((0.0, 5.0, 0.5), (render.Participant.Min, render.Participant.Max, render.Participant.Step));
        Assert.True(SchemaAccepts(render, """{"value": 2.5}"""));
        Assert.False(SchemaAccepts(render, """{"value": 2.25}"""));
    }

    [Theory]
    [InlineData("custom", """{"range": [0, 100]}""", 0, 100)]
    [InlineData("custom", """{"scale": {"min": 1, "max": 7}}""", 1, 7)]
    [InlineData("custom", """{"stars": 5}""", 1, 5)]
    [InlineData("custom", """{"min": "10", "max": "2"}""", 2, 10)]
    [InlineData("nps_survey", "{}", 0, 10)]
    [InlineData("star_rating", """{"prompt": "Rate the talk"}""", 1, 5)]
    public void ScaleShapes_AreRead(string type, string config, double min, double max)
    {
        var render = Analyze(type, config);

        Assert.Equal(("scale", min, max), (render.Participant.Widget, render.Participant.Min, render.Participant.Max));
    }

    [Theory]
    [InlineData("starRating", "scale")]
    [InlineData("team-nps", "scale")]
    [InlineData("word_association", "word_list")]
    [InlineData("password_game", "json")]
    [InlineData("operating_mode", "json")]
    [InlineData("starship", "json")]
    public void TypeNameWords_HintTheWidgetOnlyAsWholeWords(string type, string widget)
    {
        Assert.Equal(widget, Analyze(type, "{}").Participant.Widget);
    }

    [Fact]
    public void PromptKeys_AtTheSameDepth_PreferPromptOrQuestionOverTitle()
    {
        var render = Analyze("feedback", """{"title": "Feedback round", "question": "What should we improve?", "settings": {"prompt": "nested"}}""");

        Assert.Equal("What should we improve?", render.Participant.Prompt);
    }

    [Fact]
    public void FieldsArray_IsAFormWithOneFieldPerEntry()
    {
        var render = Analyze("survey", """
            {"fields": [
              {"label": "Your name", "type": "text", "required": true, "max_length": 40},
              {"label": "Age", "type": "number", "min": 0, "max": 120},
              {"label": "Subscribe?", "type": "boolean"},
              {"name": "colour", "label": "Colour", "type": "select", "options": ["Red", "Green"]},
              {"label": "Topics", "type": "checkboxes", "options": ["A", "B", "C"]},
              {"label": "Your name"},
              "Anything else?",
              42
            ]}
            """);

        Assert.Equal("form", render.Participant.Widget);
        Assert.Equal("table", render.Viewer.Chart);
        var fields = render.Participant.Fields!;
        Assert.Equal(["your_name", "age", "subscribe", "colour", "topics", "your_name_2", "anything_else"], fields.Select(f => f.Name));
        Assert.Equal(["free_text", "number", "toggle", "single_choice", "multiple_choice", "free_text", "free_text"], fields.Select(f => f.Widget));
        Assert.Equal((true, 40), (fields[0].Required, fields[0].MaxLength));
        Assert.Equal((0.0, 120.0), (fields[1].Min, fields[1].Max));
        Assert.Equal(["Red", "Green"], fields[3].Options!);
        Assert.True(SchemaAccepts(render, """{"your_name": "Ada", "age": 36, "subscribe": true, "colour": "Red", "topics": ["A", "C"]}"""));
        Assert.False(SchemaAccepts(render, """{"age": 36}"""));
        Assert.False(SchemaAccepts(render, """{"your_name": "Ada", "age": 200}"""));
        Assert.False(SchemaAccepts(render, """{"your_name": "Ada", "subscribe": "yes"}"""));
        Assert.False(SchemaAccepts(render, """{"your_name": "Ada", "colour": "Blue"}"""));
        Assert.False(SchemaAccepts(render, $$"""{"your_name": "{{new string('x', 41)}}"}"""));
    }

    [Fact]
    public void QuestionsArrayOfStrings_IsAFormOfTextFields()
    {
        var render = Analyze("retro", """{"questions": ["What went well?", "What went badly?"]}""");

        Assert.Equal("form", render.Participant.Widget);
        Assert.Equal(["what_went_well", "what_went_badly"], render.Participant.Fields!.Select(f => f.Name));
        Assert.Equal("What went well?", render.Participant.Fields![0].Label);
    }

    [Fact]
    public void PromptOnly_IsFreeTextOfAtMost500Characters()
    {
        var render = Analyze("feedback", """{"prompt": "Any feedback?"}""");

        Assert.Equal(new Conflicto.Processing.Analysis.ParticipantRender("free_text", "Any feedback?", MaxLength: 500), render.Participant);
        Assert.Equal(("table", "text"), (render.Viewer.Chart, render.Viewer.Field));
        Assert.True(SchemaAccepts(render, """{"text": "Great"}"""));
        Assert.False(SchemaAccepts(render, """{"text": "   "}"""));
        Assert.False(SchemaAccepts(render, $$"""{"text": "{{new string('x', 501)}}"}"""));
    }

    [Fact]
    public void PromptWithLimitAndUpvotes_IsFreeTextShownRanked()
    {
        var render = Analyze("ideas", """{"title": "Ideas", "max_chars": 140, "allow_upvotes": true}""");

        Assert.Equal(("free_text", 140), (render.Participant.Widget, render.Participant.MaxLength));
        Assert.Equal("ranked_list", render.Viewer.Chart);
    }

    [Fact]
    public void MaxWords_IsAWordList()
    {
        var render = Analyze("brainstorm", """{"prompt": "Words?", "max_words": 2}""");

        Assert.Equal(("word_list", 2), (render.Participant.Widget, render.Participant.MaxItems));
        Assert.True(SchemaAccepts(render, """{"words": ["a", "b"]}"""));
        Assert.False(SchemaAccepts(render, """{"words": ["a", "b", "c"]}"""));
    }
}

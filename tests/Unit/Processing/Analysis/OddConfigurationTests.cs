using System.Text.Json;
using static Conflicto.Tests.Unit.Processing.Analysis.Analyses;

namespace Conflicto.Tests.Unit.Processing.Analysis;

/// <summary>Whatever JSON arrives, the analyzer answers with a usable render and never throws.</summary>
public class OddConfigurationTests
{
    [Fact]
    public void EmptyObject_IsPlainJsonShownAsATable()
    {
        var render = Analyze("custom", "{}");

        Assert.Equal(("json", "table"), (render.Participant.Widget, render.Viewer.Chart));
        Assert.Equal("object", render.ResponseSchema.GetProperty("type").GetString());
        Assert.False(render.ResponseSchema.TryGetProperty("properties", out _));
        Assert.True(SchemaAccepts(render, """{"anything": [1, {"goes": true}]}"""));
        Assert.False(SchemaAccepts(render, "[]"));
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("[{\"options\": [\"a\", \"b\"]}]")]
    [InlineData("\"options\"")]
    [InlineData("42")]
    [InlineData("null")]
    [InlineData("true")]
    public void NonObjectConfiguration_ReadsAsEmpty(string config)
    {
        Assert.Equal(Serialize(Analyze("custom", "{}")), Serialize(Analyze("custom", config)));
        Assert.Equal("single_choice", Analyze("poll", config).Participant.Widget);
    }

    [Fact]
    public void UndefinedConfiguration_ReadsAsEmpty()
    {
        Assert.Equal("json", Analyze("custom", default(JsonElement)).Participant.Widget);
    }

    [Fact]
    public void NestedTwoHundredLevels_DoesNotRecurseAndStillReadsTheTop()
    {
        var config = """{"prompt": "Deep?", "a": """ + string.Concat(Enumerable.Repeat("""{"options": ["deep"], "a": """, 200)) + "{}" + new string('}', 201);

        var render = Analyze("custom", config);

        // The first nested options (depth 1) are found; the reader never walks 200 levels down.
        Assert.Equal(["deep"], render.Participant.Options!);
        Assert.Equal("Deep?", render.Participant.Prompt);
        Assert.Equal(Serialize(render), Serialize(Analyze("custom", config)));
    }

    [Fact]
    public void OptionsBelowTheDepthCap_AreNotFound()
    {
        var config = string.Concat(Enumerable.Repeat("""{"a": """, 10)) + """{"options": ["x", "y"]}""" + new string('}', 10);

        Assert.Equal("json", Analyze("custom", config).Participant.Widget);
    }

    [Theory]
    [InlineData("""{"options": 5}""", "json")]
    [InlineData("""{"options": 5, "prompt": "Say something"}""", "free_text")]
    [InlineData("""{"options": [null, [], {}], "min": "low", "max": {}}""", "json")]
    [InlineData("""{"options": null, "prompt": null, "min": null, "max": 5, "fields": null}""", "json")]
    [InlineData("""{"fields": 7, "questions": "not a list", "prompt": 3}""", "json")]
    [InlineData("""{"fields": [null, 1, true, [], "   "]}""", "json")]
    [InlineData("""{"min": 1e400, "max": 5}""", "json")]
    [InlineData("""{"min": 5, "max": 5}""", "json")]
    [InlineData("""{"max_selections": 1e30, "min_selections": -1e30, "options": ["a", "b"]}""", "multiple_choice")]
    [InlineData("""{"max_words": -3}""", "word_list")]
    [InlineData("""{"prompt": "p", "max_length": -10}""", "free_text")]
    public void WrongTypesAndNulls_FallBackToTheNextSensibleWidget(string config, string widget)
    {
        var render = Analyze("custom", config);

        Assert.Equal(widget, render.Participant.Widget);
        Assert.Equal("http://json-schema.org/draft-07/schema#", render.ResponseSchema.GetProperty("$schema").GetString());
        SchemaErrors(render, "{}"); // the schema loads and validates
    }

    [Fact]
    public void ManyKeys_AreReadWithinABudget()
    {
        var config = "{" + string.Join(", ", Enumerable.Range(0, 50_000).Select(i => $"\"k{i}\": {i}")) + """, "options": ["late"]}""";

        var render = Analyze("custom", config);

        // Past the key budget, a late "options" is not looked at; the answer stays cheap and sensible.
        Assert.Equal("json", render.Participant.Widget);
    }

    [Fact]
    public void UnknownType_NameOfAnyLength_IsQuotedShortInTheDescription()
    {
        var render = Analyze(new string('t', 10_000), """{"prompt": "p"}""");

        Assert.True(render.ResponseSchema.GetProperty("description").GetString()!.Length < 200);
    }

    [Fact]
    public void InferredRenders_AreDeterministic()
    {
        string[] configs =
        [
            "{}", """{"options": ["a", "b"], "multi": true}""", """{"min": 0, "max": 1, "step": 0.1}""",
            """{"fields": [{"label": "x", "type": "text"}, {"label": "y", "options": ["1", "2"]}]}""", """{"prompt": "p"}""",
        ];
        foreach (var config in configs)
            Assert.Equal(Serialize(Analyze("custom", config)), Serialize(Analyze("custom", config)));
    }
}

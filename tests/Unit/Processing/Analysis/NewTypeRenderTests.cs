using static Conflicto.Tests.Unit.Processing.Analysis.Analyses;

namespace Conflicto.Tests.Unit.Processing.Analysis;

/// <summary>The rule-based renders of scale, ranking, open text and numeric guess, and their schemas against the rules.</summary>
public class NewTypeRenderTests
{
    private static readonly string[] ScaleResponses =
    [
        """{"rating": 1}""", """{"rating": 5}""", """{"rating": 6}""", """{"rating": 0}""", """{"rating": 2.5}""", """{"rating": "3"}""",
        """{"rating": null}""", """{"ratings": [3]}""", """{"ratings": [3, 4]}""", """{"ratings": [3, null]}""", """{"ratings": [null, 2]}""",
        """{"ratings": [6, 1]}""", """{"ratings": ["1", 1]}""", """{"ratings": []}""", """{"ratings": "3"}""", """{"rating": 3, "ratings": [1, 1]}""",
        "{}", """{"value": 3}""",
    ];

    [Theory]
    [InlineData("""{"question": "q"}""")]
    [InlineData("""{"question": "q", "statements": ["A", "B"]}""")]
    public void Scale_SchemaAgreesWithRules(string config) => AssertAgree("scale", config, ScaleResponses);

    [Theory]
    [InlineData("""{"question": "q", "items": ["A", "B", "C"]}""")]
    [InlineData("""{"question": "q", "items": ["A", "B", "C"], "allow_partial": true}""")]
    public void Ranking_SchemaAgreesWithRules(string config) => AssertAgree("ranking", config,
    [
        """{"order": [0, 1, 2]}""", """{"order": [2, 1, 0]}""", """{"order": [0, 1]}""", """{"order": [1]}""", """{"order": []}""",
        """{"order": [0, 0, 1]}""", """{"order": [0, 1, 3]}""", """{"order": [-1, 0, 1]}""", """{"order": [0.5, 1, 2]}""", """{"order": ["0", 1, 2]}""",
        """{"order": [0, 1, 2, 0]}""", """{"order": "012"}""", "{}",
    ]);

    [Fact]
    public void OpenText_SchemaAgreesWithRules() => AssertAgree("open_text", """{"question": "q", "max_length": 12}""",
    [
        """{"text": "hello"}""", """{"text": "  twelve chars  "}""", """{"text": "thirteen chrs"}""", """{"text": ""}""", """{"text": "   "}""",
        """{"text": 5}""", """{"text": null}""", """{"answer": "x"}""", """{"text": "a\nb"}""", "{}",
    ]);

    [Theory]
    [InlineData("""{"question": "q", "min": -5, "max": 10.5}""")]
    [InlineData("""{"question": "q", "min": 0, "max": 100, "integers_only": true}""")]
    public void Numeric_SchemaAgreesWithRules(string config) => AssertAgree("numeric", config,
    [
        """{"value": 0}""", """{"value": -5}""", """{"value": 10.5}""", """{"value": 100}""", """{"value": 101}""", """{"value": -5.01}""",
        """{"value": 4.5}""", """{"value": 4.0}""", """{"value": "4"}""", """{"value": null}""", "{}", """{"guess": 3}""",
    ]);

    [Fact]
    public void Renders_NameTheWidgetAndChartEachClientDraws()
    {
        var scale = Analyze("scale", """{"question": "Rate", "statements": ["A", "B"], "scale_max": 7}""");
        Assert.Equal(("scale", 1.0, 7.0), (scale.Participant.Widget, scale.Participant.Min!.Value, scale.Participant.Max!.Value));
        Assert.Equal(["A", "B"], scale.Participant.Options);
        var ranking = Analyze("ranking", """{"question": "Order", "items": ["A", "B", "C"]}""");
        Assert.Equal(("ranking", 3, "ranked_list"), (ranking.Participant.Widget, ranking.Participant.MinSelections!.Value, ranking.Viewer.Chart));
        var text = Analyze("open_text", """{"question": "Ideas?"}""");
        Assert.Equal(("free_text", 280), (text.Participant.Widget, text.Participant.MaxLength!.Value));
        var numeric = Analyze("numeric", """{"question": "Guess", "min": 0, "max": 10, "correct_value": 7.25}""");
        Assert.Equal(("number", "distribution"), (numeric.Participant.Widget, numeric.Viewer.Chart));
        Assert.DoesNotContain("7.25", numeric.ResponseSchema.GetRawText(), StringComparison.Ordinal);
    }
}

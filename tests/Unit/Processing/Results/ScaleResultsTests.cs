using Conflicto.Processing.Results;
using static Conflicto.Tests.Unit.Processing.TestRows;

namespace Conflicto.Tests.Unit.Processing.Results;

public class ScaleResultsTests
{
    private const string Single = """{"question": "How was the talk?", "scale_max": 5, "min_label": "Poor", "max_label": "Great"}""";
    private const string Several = """{"question": "Rate", "statements": ["Speed", "Clarity", "Slides"], "scale_max": 4}""";

    private static ScaleSnapshot Compute(string config, params string[] responses) =>
        (ScaleSnapshot)ResultsCalculator.Compute(Activity("scale", config), responses.Select((r, i) => Response(r, i + 1)));

    [Fact]
    public void Snapshot_WithoutRatings_HasEmptyDistributionAndNoAverage()
    {
        var snapshot = Compute(Single);
        var statement = Assert.Single(snapshot.Statements);
        Assert.Equal("How was the talk?", statement.Text);
        Assert.Equal([0, 0, 0, 0, 0], statement.Distribution);
        Assert.Null(statement.Average);
        Assert.Equal((1, 5, "Poor", "Great"), (snapshot.ScaleMin, snapshot.ScaleMax, snapshot.MinLabel, snapshot.MaxLabel));
    }

    [Fact]
    public void Snapshot_SingleStatement_CountsAveragesAndDistributes()
    {
        var snapshot = Compute(Single, """{"rating": 5}""", """{"rating": 4}""", """{"rating": 4}""", """{"ratings": [1]}""");
        var statement = Assert.Single(snapshot.Statements);
        Assert.Equal(4, statement.Count);
        Assert.Equal(3.5, statement.Average);
        Assert.Equal([1, 0, 0, 2, 1], statement.Distribution);
        Assert.Equal(4, snapshot.TotalResponses);
    }

    [Fact]
    public void Snapshot_SeveralStatements_SkippedOnesAreNotCounted()
    {
        var snapshot = Compute(Several, """{"ratings": [4, null, 1]}""", """{"ratings": [2, 3, null]}""");
        Assert.Equal([2, 1, 1], snapshot.Statements.Select(s => s.Count));
        Assert.Equal([3.0, 3.0, 1.0], snapshot.Statements.Select(s => s.Average!.Value));
        Assert.Equal([0, 1, 0, 1], snapshot.Statements[0].Distribution);
        Assert.Equal(2, snapshot.TotalResponses);
    }

    [Fact]
    public void Remove_TakesTheRatingsBackOut()
    {
        var aggregator = ResultsCalculator.CreateAggregator(Activity("scale", Several));
        var first = Response("""{"ratings": [4, 4, 4]}""", 1);
        var second = Response("""{"ratings": [1, null, 2]}""", 2);
        aggregator.Add(first);
        aggregator.Add(second);
        aggregator.Remove(first);
        Assert.Equal(Canonical(Compute(Several, """{"ratings": [1, null, 2]}""")), Canonical(aggregator.Snapshot()));
        aggregator.Remove(second);
        Assert.Equal(Canonical(Compute(Several)), Canonical(aggregator.Snapshot()));
    }

    [Fact]
    public void Edit_IsRemoveOldAddNew_AndEqualsAFreshComputation()
    {
        var aggregator = ResultsCalculator.CreateAggregator(Activity("scale", Single));
        var id = Guid.NewGuid();
        var before = Response("""{"rating": 1}""", 1, id: id);
        var after = Response("""{"rating": 5}""", 1, id: id);
        aggregator.Add(before);
        aggregator.Add(Response("""{"rating": 3}""", 2));
        aggregator.Remove(before);
        aggregator.Add(after);
        var snapshot = (ScaleSnapshot)aggregator.Snapshot();
        Assert.Equal([0, 0, 1, 0, 1], snapshot.Statements[0].Distribution);
        Assert.Equal(4, snapshot.Statements[0].Average);
        Assert.Equal(2, snapshot.TotalResponses);
    }

    [Fact]
    public void InvalidResponses_AreIgnored()
    {
        var snapshot = Compute(Single, """{"rating": 9}""", """{"rating": "4"}""", """{"value": 3}""");
        Assert.Equal(0, snapshot.TotalResponses);
        Assert.Equal(0, snapshot.Statements[0].Count);
    }
}

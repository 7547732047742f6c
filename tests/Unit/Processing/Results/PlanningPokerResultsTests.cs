using Conflicto.Processing.Results;
using static Conflicto.Tests.Unit.Processing.TestRows;

namespace Conflicto.Tests.Unit.Processing.Results;

public class PlanningPokerResultsTests
{
    private const string Config = """{"story": "Login page"}""";

    private static PlanningPokerSnapshot Compute(params string[] values) =>
        (PlanningPokerSnapshot)ResultsCalculator.Compute(Activity("planning_poker", Config),
            values.Select((v, i) => Response($$"""{"value": {{v}}}""", i + 1)));

    [Fact]
    public void Snapshot_WithoutVotes_HasNoStatisticsAndNoConsensus()
    {
        var snapshot = Compute();
        Assert.Equal("Login page", snapshot.Story);
        Assert.Empty(snapshot.Votes);
        Assert.Equal(0, snapshot.TotalVotes);
        Assert.Null(snapshot.Average);
        Assert.Null(snapshot.Median);
        Assert.Null(snapshot.Min);
        Assert.Null(snapshot.Max);
        Assert.False(snapshot.Consensus);
    }

    [Fact]
    public void Snapshot_OddNumberOfVotes_HasMiddleMedian()
    {
        var snapshot = Compute("\"8\"", "\"3\"", "5", "\"3\"", "\"13\"");
        Assert.Equal(5, snapshot.TotalVotes);
        Assert.Equal(6.4, snapshot.Average);
        Assert.Equal(5, snapshot.Median);
        Assert.Equal(3, snapshot.Min);
        Assert.Equal(13, snapshot.Max);
        Assert.False(snapshot.Consensus);
        Assert.Equal([new CardCount("3", 2), new CardCount("5", 1), new CardCount("8", 1), new CardCount("13", 1)], snapshot.Votes);
    }

    [Fact]
    public void Snapshot_EvenNumberOfVotes_AveragesTheMiddleTwo()
    {
        var snapshot = Compute("\"1\"", "\"2\"", "\"3\"", "\"8\"");
        Assert.Equal(2.5, snapshot.Median);
        Assert.Equal(3.5, snapshot.Average);
    }

    [Fact]
    public void Snapshot_Average_IsRoundedToTwoDecimals()
    {
        Assert.Equal(1.33, Compute("\"1\"", "\"1\"", "\"2\"").Average);
    }

    [Fact]
    public void Snapshot_NonNumericCards_AreCountedButLeftOutOfStatistics()
    {
        var snapshot = Compute("\"?\"", "\"coffee\"", "\"2\"", "\"8\"", "\"?\"");
        Assert.Equal(5, snapshot.TotalVotes);
        Assert.Equal(5, snapshot.Average);
        Assert.Equal(5, snapshot.Median);
        Assert.Equal(2, snapshot.Min);
        Assert.Equal(8, snapshot.Max);
        Assert.Equal(["2", "8", "?", "coffee"], snapshot.Votes.Select(v => v.Value));
        Assert.Equal([1, 1, 2, 1], snapshot.Votes.Select(v => v.Count));
    }

    [Fact]
    public void Snapshot_OnlyNonNumericCards_HasNoStatistics()
    {
        var snapshot = Compute("\"?\"", "\"coffee\"");
        Assert.Equal(2, snapshot.TotalVotes);
        Assert.Null(snapshot.Average);
        Assert.Null(snapshot.Median);
        Assert.Null(snapshot.Min);
        Assert.Null(snapshot.Max);
    }

    [Theory]
    [InlineData("\"5\"", "\"5\"", "5")]
    [InlineData("\" 5\"", "\"5 \"")]
    [InlineData("\"?\"")]
    public void Snapshot_EveryoneOnTheSameCard_IsConsensus(params string[] values)
    {
        Assert.True(Compute(values).Consensus);
    }

    [Fact]
    public void Snapshot_DifferentCards_IsNoConsensus()
    {
        Assert.False(Compute("\"5\"", "\"8\"").Consensus);
    }

    [Fact]
    public void Remove_AVote_UpdatesStatisticsAndConsensus()
    {
        var aggregator = new PlanningPokerResults(Activity("planning_poker", Config).Configuration);
        var outlier = Response("""{"value": "21"}""", 1);
        aggregator.Add(Response("""{"value": "3"}""", 2));
        aggregator.Add(Response("""{"value": 3}""", 3));
        aggregator.Add(outlier);
        Assert.False(((PlanningPokerSnapshot)aggregator.Snapshot()).Consensus);
        aggregator.Remove(outlier);
        var snapshot = (PlanningPokerSnapshot)aggregator.Snapshot();
        Assert.True(snapshot.Consensus);
        Assert.Equal(3, snapshot.Max);
        Assert.Equal([new CardCount("3", 2)], snapshot.Votes);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"value": ""}""")]
    [InlineData("""{"value": null}""")]
    [InlineData("""{"value": [5]}""")]
    [InlineData("[5]")]
    public void Add_ResponseWithoutAValue_CountsNothing(string data)
    {
        var snapshot = (PlanningPokerSnapshot)ResultsCalculator.Compute(Activity("planning_poker", Config), [Response(data)]);
        Assert.Equal(0, snapshot.TotalVotes);
    }

    [Theory]
    [InlineData("\"NaN\"")]
    [InlineData("\"Infinity\"")]
    [InlineData("\"-Infinity\"")]
    [InlineData("1e400")]
    public void Snapshot_NonFiniteNumberCards_AreTreatedAsNonNumericAndSerialize(string value)
    {
        var snapshot = Compute(value, "\"3\"");
        Assert.Equal(2, snapshot.TotalVotes);
        Assert.Equal(3, snapshot.Average);
        Assert.Equal(3, snapshot.Max);
        Assert.Contains("\"average\":3", Serialize(snapshot));
    }
}

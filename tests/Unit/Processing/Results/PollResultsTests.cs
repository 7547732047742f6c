using Conflicto.Processing.Results;
using static Conflicto.Tests.Unit.Processing.TestRows;

namespace Conflicto.Tests.Unit.Processing.Results;

public class PollResultsTests
{
    private const string Config = """{"question": "Colour?", "options": ["Red", "Green", "Blue"]}""";
    private const string MultiConfig = """{"question": "Colours?", "options": ["Red", "Green", "Blue"], "allow_multiple": true}""";

    private static PollSnapshot Compute(string config, params string[] data) =>
        (PollSnapshot)ResultsCalculator.Compute(Activity("poll", config), data.Select((d, i) => Response(d, participantId: i + 1)));

    [Fact]
    public void Snapshot_WithoutResponses_ListsEveryOptionAtZero()
    {
        var snapshot = Compute(Config);
        Assert.Equal("Colour?", snapshot.Question);
        Assert.Equal(["Red", "Green", "Blue"], snapshot.Options.Select(o => o.Text));
        Assert.Equal([0, 1, 2], snapshot.Options.Select(o => o.Index));
        Assert.All(snapshot.Options, o => { Assert.Equal(0, o.Votes); Assert.Equal(0, o.Percentage); });
        Assert.Equal(0, snapshot.TotalVotes);
        Assert.Equal(0, snapshot.TotalSelections);
    }

    [Fact]
    public void Snapshot_SingleChoice_CountsVotesAndPercentages()
    {
        var snapshot = Compute(Config, """{"option_index": 0}""", """{"option": "red"}""", """{"option_index": 1}""");
        Assert.Equal([2, 1, 0], snapshot.Options.Select(o => o.Votes));
        Assert.Equal([66.7, 33.3, 0], snapshot.Options.Select(o => o.Percentage));
        Assert.Equal(3, snapshot.TotalVotes);
        Assert.Equal(3, snapshot.TotalSelections);
    }

    [Fact]
    public void Snapshot_MultipleChoice_CountsEverySelectionAndPercentagesOfSelections()
    {
        var snapshot = Compute(MultiConfig, """{"option_indices": [0, 1]}""", """{"option_indices": [0]}""", """{"option_index": 2}""");
        Assert.Equal([2, 1, 1], snapshot.Options.Select(o => o.Votes));
        Assert.Equal([50, 25, 25], snapshot.Options.Select(o => o.Percentage));
        Assert.Equal(3, snapshot.TotalVotes);
        Assert.Equal(4, snapshot.TotalSelections);
    }

    [Fact]
    public void Snapshot_PercentagesOfAllSelections_AddUpToAboutAHundred()
    {
        var snapshot = Compute(Config, """{"option_index": 0}""", """{"option_index": 1}""", """{"option_index": 2}""");
        Assert.Equal([33.3, 33.3, 33.3], snapshot.Options.Select(o => o.Percentage));
    }

    [Theory]
    [InlineData(Config, """{"option_indices": [0, 1]}""")] // multiple picks on a single-choice poll
    [InlineData(Config, """{"option_index": 7}""")]
    [InlineData(Config, """{"option": "Purple"}""")]
    [InlineData(MultiConfig, """{"option_indices": [0, 0]}""")]
    [InlineData(MultiConfig, """{"option_indices": []}""")]
    [InlineData(Config, "{}")]
    [InlineData(Config, "[0]")]
    public void Add_InvalidResponse_CountsNothing(string config, string data)
    {
        var snapshot = Compute(config, """{"option_index": 1}""", data);
        Assert.Equal([0, 1, 0], snapshot.Options.Select(o => o.Votes));
        Assert.Equal(1, snapshot.TotalVotes);
        Assert.Equal(100, snapshot.Options[1].Percentage);
    }

    [Fact]
    public void Remove_AVote_TakesItBackOut()
    {
        var aggregator = new PollResults(Activity("poll", MultiConfig).Configuration);
        var first = Response("""{"option_indices": [0, 2]}""", 1);
        var second = Response("""{"option_index": 2}""", 2);
        aggregator.Add(first);
        aggregator.Add(second);
        aggregator.Remove(first);
        var snapshot = (PollSnapshot)aggregator.Snapshot();
        Assert.Equal([0, 0, 1], snapshot.Options.Select(o => o.Votes));
        Assert.Equal(1, snapshot.TotalVotes);
        Assert.Equal(1, snapshot.TotalSelections);
        Assert.Equal([0, 0, 100], snapshot.Options.Select(o => o.Percentage));
    }

    [Fact]
    public void Snapshot_Serialized_IsSnakeCase()
    {
        var json = Serialize(Compute(Config, """{"option_index": 0}"""));
        Assert.Contains("\"total_votes\":1", json);
        Assert.Contains("\"total_selections\":1", json);
        Assert.Contains("\"options\":[{\"index\":0,\"text\":\"Red\",\"votes\":1,\"percentage\":100}", json);
    }

    [Fact]
    public void Snapshot_WithoutOptionsInConfiguration_IsEmptyAndIgnoresVotes()
    {
        var snapshot = Compute("""{"question": "q"}""", """{"option_index": 0}""");
        Assert.Empty(snapshot.Options);
        Assert.Equal(0, snapshot.TotalVotes);
    }
}

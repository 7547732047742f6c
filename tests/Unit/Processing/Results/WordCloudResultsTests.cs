using Conflicto.Processing.Results;
using static Conflicto.Tests.Unit.Processing.TestRows;

namespace Conflicto.Tests.Unit.Processing.Results;

public class WordCloudResultsTests
{
    private const string Config = """{"prompt": "One word?"}""";

    private static WordCloudResults Aggregator() => new(Activity("word_cloud", Config).Configuration);

    private static WordCloudSnapshot Compute(params string[] data) =>
        (WordCloudSnapshot)ResultsCalculator.Compute(Activity("word_cloud", Config), data.Select((d, i) => Response(d, i + 1, i)));

    [Fact]
    public void Snapshot_WithoutResponses_IsEmpty()
    {
        var snapshot = Compute();
        Assert.Equal("One word?", snapshot.Prompt);
        Assert.Empty(snapshot.Words);
        Assert.Equal(0, snapshot.TotalWords);
        Assert.Equal(0, snapshot.UniqueWords);
    }

    [Fact]
    public void Snapshot_CountsWordsCaseInsensitively()
    {
        var snapshot = Compute("""{"word": "Agile"}""", """{"word": "agile"}""", """{"words": ["AGILE ", "lean"]}""");
        Assert.Equal(2, snapshot.UniqueWords);
        Assert.Equal(4, snapshot.TotalWords);
        Assert.Equal(3, snapshot.Words[0].Count);
        Assert.Equal("agile", snapshot.Words[0].Text, ignoreCase: true);
        Assert.Equal(new WordCount("lean", 1), snapshot.Words[1]);
    }

    [Fact]
    public void Snapshot_OrdersByCountThenAlphabetically()
    {
        var snapshot = Compute("""{"words": ["pear", "Apple", "fig"]}""", """{"words": ["fig", "banana"]}""", """{"word": "apple"}""");
        Assert.Equal(["Apple", "fig", "banana", "pear"], snapshot.Words.Select(w => w.Text));
        Assert.Equal([2, 2, 1, 1], snapshot.Words.Select(w => w.Count));
    }

    [Fact]
    public void Snapshot_CollapsesInnerWhitespace()
    {
        var snapshot = Compute("""{"word": "  machine   learning "}""", """{"word": "machine learning"}""");
        Assert.Equal([new WordCount("machine learning", 2)], snapshot.Words);
    }

    [Fact]
    public void Snapshot_ShowsTheMostCommonSpelling()
    {
        var snapshot = Compute("""{"word": "PARIS"}""", """{"word": "Paris"}""", """{"word": "Paris"}""");
        Assert.Equal([new WordCount("Paris", 3)], snapshot.Words);
    }

    [Fact]
    public void Remove_TheFirstSpelling_LeavesTheRemainingSpelling()
    {
        var aggregator = Aggregator();
        var shouted = Response("""{"word": "PARIS"}""", 1);
        aggregator.Add(shouted);
        aggregator.Add(Response("""{"word": "Paris"}""", 2));
        aggregator.Remove(shouted);
        Assert.Equal([new WordCount("Paris", 1)], ((WordCloudSnapshot)aggregator.Snapshot()).Words);
    }

    [Fact]
    public void Remove_TheLastOccurrence_DropsTheWord()
    {
        var aggregator = Aggregator();
        var response = Response("""{"words": ["solo", "duo"]}""");
        aggregator.Add(Response("""{"word": "duo"}""", 2));
        aggregator.Add(response);
        aggregator.Remove(response);
        var snapshot = (WordCloudSnapshot)aggregator.Snapshot();
        Assert.Equal([new WordCount("duo", 1)], snapshot.Words);
        Assert.Equal(1, snapshot.TotalWords);
    }

    [Fact]
    public void Remove_AResponseNeverAdded_ChangesNothing()
    {
        var aggregator = Aggregator();
        aggregator.Add(Response("""{"word": "kept"}"""));
        var before = Serialize(aggregator.Snapshot());
        aggregator.Remove(Response("""{"word": "other"}"""));
        Assert.Equal(before, Serialize(aggregator.Snapshot()));
    }

    [Theory]
    [InlineData("""{"word": 5}""")]
    [InlineData("""{"words": [1, null, {}]}""")]
    [InlineData("""{"word": "   "}""")]
    [InlineData("[\"word\"]")]
    public void Add_ResponseWithoutWords_CountsNothing(string data)
    {
        Assert.Equal(0, Compute(data).TotalWords);
    }
}

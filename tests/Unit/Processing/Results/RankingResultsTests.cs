using Conflicto.Processing.Results;
using static Conflicto.Tests.Unit.Processing.TestRows;

namespace Conflicto.Tests.Unit.Processing.Results;

public class RankingResultsTests
{
    private const string Config = """{"question": "Priorities?", "items": ["Speed", "Price", "Support"]}""";
    private const string Partial = """{"question": "Top picks?", "items": ["A", "B", "C", "D"], "allow_partial": true}""";

    private static RankingSnapshot Compute(string config, params string[] orders) =>
        (RankingSnapshot)ResultsCalculator.Compute(Activity("ranking", config), orders.Select((o, i) => Response($$"""{"order": {{o}}}""", i + 1)));

    [Fact]
    public void Borda_GivesNMinusOnePointsForFirst_DownToZeroForLast()
    {
        // Speed: 2+1+2 = 5; Price: 1+2+0 = 3; Support: 0+0+1 = 1.
        var snapshot = Compute(Config, "[0, 1, 2]", "[1, 0, 2]", "[0, 2, 1]");
        Assert.Equal(["Speed", "Price", "Support"], snapshot.Items.Select(i => i.Text));
        Assert.Equal([5L, 3L, 1L], snapshot.Items.Select(i => i.Points));
        Assert.Equal([1.33, 2.0, 2.67], snapshot.Items.Select(i => i.AveragePosition!.Value));
        Assert.Equal([2, 1, 0], snapshot.Items.Select(i => i.FirstPlaces));
        Assert.Equal([1, 2, 3], snapshot.Items.Select(i => i.Rank));
        Assert.Equal(("borda", 2, 3), (snapshot.Method, snapshot.PointsForFirst, snapshot.TotalResponses));
    }

    [Fact]
    public void EqualPointsAndPositions_ShareARank_InConfiguredOrder()
    {
        var snapshot = Compute(Config, "[0, 1, 2]", "[1, 0, 2]");
        Assert.Equal([0, 1, 2], snapshot.Items.Select(i => i.Index));
        Assert.Equal([1, 1, 3], snapshot.Items.Select(i => i.Rank));
    }

    [Fact]
    public void PartialRanking_ScoresListedItemsByPlace_LeftOutItemsGetNothing()
    {
        // 4 items: first 3 points, second 2. B: 3 + 2 = 5; A: 2; C: 3; D never ranked.
        var snapshot = Compute(Partial, "[1, 0]", "[2, 1]");
        Assert.Equal(["B", "C", "A", "D"], snapshot.Items.Select(i => i.Text));
        Assert.Equal([5L, 3L, 2L, 0L], snapshot.Items.Select(i => i.Points));
        Assert.Equal([2, 1, 1, 0], snapshot.Items.Select(i => i.Rankings));
        Assert.Null(snapshot.Items[3].AveragePosition);
    }

    [Fact]
    public void RemoveAndEdit_KeepTheCountEqualToAFreshOne()
    {
        var aggregator = ResultsCalculator.CreateAggregator(Activity("ranking", Config));
        var id = Guid.NewGuid();
        var first = Response("""{"order": [0, 1, 2]}""", 1, id: id);
        var other = Response("""{"order": [2, 1, 0]}""", 2);
        aggregator.Add(first);
        aggregator.Add(other);
        aggregator.Remove(first);
        Assert.Equal(Canonical(Compute(Config, "[2, 1, 0]")), Canonical(aggregator.Snapshot()));
        aggregator.Add(Response("""{"order": [1, 2, 0]}""", 1, id: id)); // the edit's new version
        Assert.Equal(Canonical(Compute(Config, "[2, 1, 0]", "[1, 2, 0]")), Canonical(aggregator.Snapshot()));
        aggregator.Remove(other);
        Assert.Equal([0L, 2L, 1L], ((RankingSnapshot)aggregator.Snapshot()).Items.OrderBy(i => i.Index).Select(i => i.Points));
    }

    [Fact]
    public void IncompleteOrder_IsIgnoredWithoutAllowPartial()
    {
        var snapshot = Compute(Config, "[0]", "[0, 0, 1]", "[0, 1, 2]");
        Assert.Equal(1, snapshot.TotalResponses);
    }
}

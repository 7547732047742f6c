using Conflicto.Processing.Results;
using static Conflicto.Tests.Unit.Processing.TestRows;

namespace Conflicto.Tests.Unit.Processing.Results;

public class NumericResultsTests
{
    private const string Hidden = """{"question": "Height of the tower (m)?", "min": 0, "max": 500, "correct_value": 324, "buckets": 5}""";
    private const string Revealed = """{"question": "Height of the tower (m)?", "min": 0, "max": 500, "correct_value": 324, "buckets": 5, "revealed": true}""";

    private static NumericSnapshot Compute(string config, params double[] guesses) =>
        (NumericSnapshot)ResultsCalculator.Compute(Activity("numeric", config),
            guesses.Select((g, i) => Response($$"""{"value": {{g.ToString(System.Globalization.CultureInfo.InvariantCulture)}}}""", i + 1, second: i)));

    [Fact]
    public void Statistics_MeanMedianAndHistogram()
    {
        var snapshot = Compute(Hidden, 100, 300, 320, 500, 0, 99.5);
        Assert.Equal(6, snapshot.TotalResponses);
        Assert.Equal(219.9167, snapshot.Mean);
        Assert.Equal(200, snapshot.Median); // (100 + 300) / 2
        Assert.Equal((0.0, 500.0), (snapshot.Lowest!.Value, snapshot.Highest!.Value));
        // Bars of 100: [0,100) holds 0 and 99.5; 100 opens the second; 500 (max) is in the last.
        Assert.Equal([2, 1, 0, 2, 1], snapshot.Histogram.Select(b => b.Count));
        Assert.Equal((0.0, 100.0), (snapshot.Histogram[0].From, snapshot.Histogram[0].To));
    }

    [Fact]
    public void OddCount_MedianIsTheMiddleGuess()
    {
        Assert.Equal(300, Compute(Hidden, 500, 300, 1).Median);
    }

    [Fact]
    public void BeforeTheReveal_NothingOfTheCorrectValueIsInTheResults()
    {
        var snapshot = Compute(Hidden, 323, 100);
        Assert.False(snapshot.Revealed);
        Assert.Null(snapshot.CorrectValue);
        Assert.Empty(snapshot.Winners);
        Assert.Null(snapshot.ClosestDistance);
        Assert.DoesNotContain("324", Serialize(snapshot), StringComparison.Ordinal);
    }

    [Fact]
    public void AfterTheReveal_ClosestGuessWins_TiesAllWinEarliestFirst()
    {
        var snapshot = Compute(Revealed, 300, 330, 318, 400);
        Assert.Equal(324, snapshot.CorrectValue);
        Assert.Equal([330.0, 318.0], snapshot.Winners.Select(w => w.Value)); // both 6 away: earliest first
        Assert.Equal([2, 3], snapshot.Winners.Select(w => w.ParticipantId!.Value));
        Assert.Equal(6, snapshot.ClosestDistance);
        Assert.Equal(2, snapshot.WinnerCount);
    }

    [Fact]
    public void RemoveAndEdit_UpdateStatisticsAndWinner()
    {
        var aggregator = ResultsCalculator.CreateAggregator(Activity("numeric", Revealed));
        var id = Guid.NewGuid();
        var close = Response("""{"value": 320}""", 1, id: id);
        var far = Response("""{"value": 10}""", 2, second: 1);
        aggregator.Add(close);
        aggregator.Add(far);
        Assert.Equal(1, ((NumericSnapshot)aggregator.Snapshot()).Winners[0].ParticipantId);
        aggregator.Remove(close);
        aggregator.Add(Response("""{"value": 5}""", 1, id: id)); // edited to a worse guess
        var snapshot = (NumericSnapshot)aggregator.Snapshot();
        Assert.Equal(2, snapshot.Winners.Single().ParticipantId);
        Assert.Equal(7.5, snapshot.Mean);
        Assert.Equal(2, snapshot.TotalResponses);
        aggregator.Remove(far);
        aggregator.Remove(Response("""{"value": 5}""", 1, id: id));
        Assert.Equal(Canonical(Compute(Revealed)), Canonical(aggregator.Snapshot()));
    }
}

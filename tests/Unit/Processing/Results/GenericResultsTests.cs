using Conflicto.Processing.Results;
using static Conflicto.Tests.Unit.Processing.TestRows;

namespace Conflicto.Tests.Unit.Processing.Results;

public class GenericResultsTests
{
    private static GenericSnapshot Compute(params (string Data, int Participant)[] responses) =>
        (GenericSnapshot)ResultsCalculator.Compute(Activity("custom_thing", "{}"), responses.Select(r => Response(r.Data, r.Participant)));

    [Fact]
    public void Snapshot_WithoutResponses_IsEmpty()
    {
        var snapshot = Compute();
        Assert.Equal(0, snapshot.TotalResponses);
        Assert.Equal(0, snapshot.UniqueParticipants);
        Assert.Empty(snapshot.Fields);
    }

    [Fact]
    public void Snapshot_CountsResponsesParticipantsAndScalarValues()
    {
        var snapshot = Compute(
            ("""{"mood": "happy", "score": 5, "ok": true}""", 1),
            ("""{"mood": "happy", "score": 3}""", 2),
            ("""{"mood": "sad", "score": 5, "ok": false}""", 1));
        Assert.Equal(3, snapshot.TotalResponses);
        Assert.Equal(2, snapshot.UniqueParticipants);
        Assert.Equal([new ValueCount("happy", 2), new ValueCount("sad", 1)], snapshot.Fields["mood"]);
        Assert.Equal([new ValueCount("5", 2), new ValueCount("3", 1)], snapshot.Fields["score"]);
        Assert.Equal([new ValueCount("false", 1), new ValueCount("true", 1)], snapshot.Fields["ok"]);
    }

    [Fact]
    public void Snapshot_IgnoresNonScalarFields()
    {
        var snapshot = Compute(("""{"list": [1, 2], "nested": {"a": 1}, "nothing": null, "name": "x"}""", 1));
        Assert.Equal(["name"], snapshot.Fields.Keys);
    }

    [Fact]
    public void Snapshot_ValuesAreCaseSensitive()
    {
        var snapshot = Compute(("""{"w": "Yes"}""", 1), ("""{"w": "yes"}""", 2));
        Assert.Equal(2, snapshot.Fields["w"].Count);
    }

    [Fact]
    public void Snapshot_KeepsTheFiftyMostFrequentValues()
    {
        var responses = Enumerable.Range(0, 60).Select(i => ($$"""{"n": {{i}}}""", 1)).Append(("""{"n": 59}""", 2)).ToArray();
        var values = Compute(responses).Fields["n"];
        Assert.Equal(50, values.Count);
        Assert.Equal(new ValueCount("59", 2), values[0]);
    }

    [Fact]
    public void Snapshot_NonObjectResponses_CountAsResponsesWithoutFields()
    {
        var snapshot = Compute(("[1, 2]", 1), ("42", 2));
        Assert.Equal(2, snapshot.TotalResponses);
        Assert.Equal(2, snapshot.UniqueParticipants);
        Assert.Empty(snapshot.Fields);
    }

    [Fact]
    public void Remove_TheLastResponseOfAParticipantAndValue_DropsThem()
    {
        var aggregator = new GenericResults();
        var first = Response("""{"mood": "sad"}""", 1);
        aggregator.Add(first);
        aggregator.Add(Response("""{"other": "x"}""", 2));
        aggregator.Remove(first);
        var snapshot = (GenericSnapshot)aggregator.Snapshot();
        Assert.Equal(1, snapshot.TotalResponses);
        Assert.Equal(1, snapshot.UniqueParticipants);
        Assert.Equal(["other"], snapshot.Fields.Keys);
    }
}

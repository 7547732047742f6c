using Conflicto.Data.Processing;

namespace Conflicto.Tests.Unit.Data.Processing;

public class ProcessingStatesTests
{
    private static readonly HashSet<(string, string)> LegalForJobs =
    [
        ("not_processed", "pending"),
        ("pending", "processing"), ("pending", "skipped"),
        ("processing", "completed"), ("processing", "failed"), ("processing", "skipped"),
        ("failed", "pending"),
    ];

    public static TheoryData<string, string> EveryPair()
    {
        var data = new TheoryData<string, string>();
        foreach (var from in ProcessingStates.All)
            foreach (var to in ProcessingStates.All) data.Add(from, to);
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryPair))]
    public void CanTransition_AllowsExactlyTheDocumentedJobMoves(string from, string to) =>
        Assert.Equal(LegalForJobs.Contains((from, to)), ProcessingStates.CanTransition(from, to));

    [Theory]
    [MemberData(nameof(EveryPair))]
    public void CanTransitionSubject_AddsOnlyRequeueingAfterAChange(string from, string to)
    {
        var requeue = to == "pending" && from is "completed" or "skipped" or "pending" or "processing";
        Assert.Equal(LegalForJobs.Contains((from, to)) || requeue, ProcessingStates.CanTransitionSubject(from, to));
    }

    [Theory]
    [InlineData("completed")]
    [InlineData("skipped")]
    public void FinishedJobs_AreTerminal(string state) =>
        Assert.All(ProcessingStates.All, to => Assert.False(ProcessingStates.CanTransition(state, to)));

    [Fact]
    public void UnknownStates_AreRefused()
    {
        Assert.False(ProcessingStates.IsKnown("done"));
        Assert.False(ProcessingStates.CanTransition("done", "pending"));
        Assert.False(ProcessingStates.CanTransition("pending", "done"));
    }

    [Fact]
    public void From_ListsTheStatesThatMayReachATarget()
    {
        Assert.Equal(["not_processed", "failed"], ProcessingStates.From("pending").Order().Reverse().ToArray());
        Assert.Equal(["processing"], ProcessingStates.From("completed"));
        Assert.Empty(ProcessingStates.From("not_processed"));
    }
}

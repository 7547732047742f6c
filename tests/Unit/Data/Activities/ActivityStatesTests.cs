using Conflicto.Data.Activities;

namespace Conflicto.Tests.Unit.Data.Activities;

public class ActivityStatesTests
{
    private static readonly HashSet<(string From, string To)> Legal =
    [
        (ActivityStates.Draft, ActivityStates.Published),
        (ActivityStates.Published, ActivityStates.Draft),
        (ActivityStates.Published, ActivityStates.Active),
        (ActivityStates.Active, ActivityStates.Expired),
    ];

    public static TheoryData<string, string, bool> AllPairs()
    {
        var data = new TheoryData<string, string, bool>();
        foreach (var from in ActivityStates.All)
        foreach (var to in ActivityStates.All)
            data.Add(from, to, Legal.Contains((from, to)));
        return data;
    }

    public static TheoryData<string, string> DistinctPairs()
    {
        var data = new TheoryData<string, string>();
        foreach (var from in ActivityStates.All)
        foreach (var to in ActivityStates.All.Where(to => to != from))
            data.Add(from, to);
        return data;
    }

    [Theory]
    [MemberData(nameof(AllPairs))]
    public void CanTransition_WithoutForce_AllowsOnlyTheLifeCycleMoves(string from, string to, bool legal)
    {
        Assert.Equal(legal, ActivityStates.CanTransition(from, to, force: false));
    }

    [Theory]
    [MemberData(nameof(DistinctPairs))]
    public void CanTransition_WithForce_AllowsAnyMoveBetweenDistinctKnownStates(string from, string to)
    {
        Assert.True(ActivityStates.CanTransition(from, to, force: true));
    }

    [Theory]
    [InlineData(ActivityStates.Draft)]
    [InlineData(ActivityStates.Published)]
    [InlineData(ActivityStates.Active)]
    [InlineData(ActivityStates.Expired)]
    public void CanTransition_ToSameState_IsRefusedEvenWithForce(string state)
    {
        Assert.False(ActivityStates.CanTransition(state, state, force: false));
        Assert.False(ActivityStates.CanTransition(state, state, force: true));
    }

    [Theory]
    [InlineData("")]
    [InlineData("completed")]
    [InlineData("ACTIVE")]
    [InlineData("archived")]
    public void CanTransition_ToUnknownState_IsRefusedEvenWithForce(string unknown)
    {
        foreach (var from in ActivityStates.All)
        {
            Assert.False(ActivityStates.CanTransition(from, unknown, force: false));
            Assert.False(ActivityStates.CanTransition(from, unknown, force: true));
        }
    }

    [Fact]
    public void CanTransition_FromUnknownState_IsRefusedWithoutForce()
    {
        foreach (var to in ActivityStates.All)
            Assert.False(ActivityStates.CanTransition("bogus", to, force: false));
    }

    [Theory]
    [InlineData("draft", true)]
    [InlineData("published", true)]
    [InlineData("active", true)]
    [InlineData("expired", true)]
    [InlineData("completed", false)]
    [InlineData("Draft", false)]
    [InlineData("", false)]
    public void IsKnown_RecognisesExactlyTheFourStates(string state, bool known)
    {
        Assert.Equal(known, ActivityStates.IsKnown(state));
    }

    [Theory]
    [InlineData(ActivityStates.Draft, new[] { ActivityStates.Published })]
    [InlineData(ActivityStates.Published, new[] { ActivityStates.Draft, ActivityStates.Active })]
    [InlineData(ActivityStates.Active, new[] { ActivityStates.Expired })]
    [InlineData(ActivityStates.Expired, new string[0])]
    [InlineData("unknown", new string[0])]
    public void ValidTransitions_ListsTheLegalTargets(string from, string[] expected)
    {
        Assert.Equal(expected.Order(), ActivityStates.ValidTransitions(from).Order());
    }

    [Theory]
    [InlineData(ActivityStates.Draft, LegacyStatuses.Draft)]
    [InlineData(ActivityStates.Published, LegacyStatuses.Draft)]
    [InlineData(ActivityStates.Active, LegacyStatuses.Active)]
    [InlineData(ActivityStates.Expired, LegacyStatuses.Completed)]
    [InlineData("unknown", LegacyStatuses.Draft)]
    public void ToLegacyStatus_MapsEachState(string state, string status)
    {
        Assert.Equal(status, ActivityStates.ToLegacyStatus(state));
    }

    [Theory]
    [InlineData(LegacyStatuses.Draft, ActivityStates.Draft)]
    [InlineData(LegacyStatuses.Active, ActivityStates.Active)]
    [InlineData(LegacyStatuses.Completed, ActivityStates.Expired)]
    [InlineData(LegacyStatuses.Cancelled, ActivityStates.Expired)]
    [InlineData("unknown", ActivityStates.Draft)]
    public void FromLegacyStatus_MapsEachStatus(string status, string state)
    {
        Assert.Equal(state, ActivityStates.FromLegacyStatus(status));
    }

    [Fact]
    public void LegacyStatusMapping_RoundTripsEveryStateButPublishedAndEveryStatusButCancelled()
    {
        foreach (var state in ActivityStates.All.Where(s => s != ActivityStates.Published))
            Assert.Equal(state, ActivityStates.FromLegacyStatus(ActivityStates.ToLegacyStatus(state)));
        foreach (var status in LegacyStatuses.All.Where(s => s != LegacyStatuses.Cancelled))
            Assert.Equal(status, ActivityStates.ToLegacyStatus(ActivityStates.FromLegacyStatus(status)));
        Assert.Equal(LegacyStatuses.Completed, ActivityStates.ToLegacyStatus(ActivityStates.FromLegacyStatus(LegacyStatuses.Cancelled)));
    }

    [Theory]
    [InlineData("draft", true)]
    [InlineData("active", true)]
    [InlineData("completed", true)]
    [InlineData("cancelled", true)]
    [InlineData("published", false)]
    [InlineData("expired", false)]
    [InlineData("", false)]
    public void LegacyStatusesIsKnown_RecognisesExactlyTheFourStatuses(string status, bool known)
    {
        Assert.Equal(known, LegacyStatuses.IsKnown(status));
    }
}

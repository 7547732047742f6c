using Conflicto.Data.Sessions;

namespace Conflicto.Tests.Unit.Data.Sessions;

public class SessionStatusesTests
{
    [Theory]
    [InlineData(SessionStatuses.Draft, SessionStatuses.Active, true)]
    [InlineData(SessionStatuses.Draft, SessionStatuses.Completed, true)]
    [InlineData(SessionStatuses.Active, SessionStatuses.Completed, true)]
    [InlineData(SessionStatuses.Active, SessionStatuses.Draft, false)]
    [InlineData(SessionStatuses.Completed, SessionStatuses.Draft, false)]
    [InlineData(SessionStatuses.Completed, SessionStatuses.Active, false)]
    public void CanTransition_BetweenDistinctStatuses_FollowsTheLifeCycle(string from, string to, bool allowed)
    {
        Assert.Equal(allowed, SessionStatuses.CanTransition(from, to));
    }

    [Theory]
    [InlineData(SessionStatuses.Draft)]
    [InlineData(SessionStatuses.Active)]
    [InlineData(SessionStatuses.Completed)]
    public void CanTransition_ToTheSameStatus_IsANoOpThatIsAllowed(string status)
    {
        Assert.True(SessionStatuses.CanTransition(status, status));
    }

    [Theory]
    [InlineData(SessionStatuses.Draft, "archived")]
    [InlineData("archived", SessionStatuses.Active)]
    [InlineData(SessionStatuses.Active, "ACTIVE")]
    public void CanTransition_InvolvingAnUnknownStatus_IsRefused(string from, string to)
    {
        Assert.False(SessionStatuses.CanTransition(from, to));
    }

    [Theory]
    [InlineData("draft", true)]
    [InlineData("active", true)]
    [InlineData("completed", true)]
    [InlineData("cancelled", false)]
    [InlineData("Active", false)]
    [InlineData("", false)]
    public void IsKnown_RecognisesExactlyTheThreeStatuses(string status, bool known)
    {
        Assert.Equal(known, SessionStatuses.IsKnown(status));
    }

    [Theory]
    [InlineData(SessionStatuses.Draft, true)]
    [InlineData(SessionStatuses.Active, true)]
    [InlineData(SessionStatuses.Completed, false)]
    public void AcceptsParticipants_IsFalseOnlyOnceCompleted(string status, bool accepts)
    {
        Assert.Equal(accepts, SessionStatuses.AcceptsParticipants(status));
    }
}

using Conflicto.Load.Scenarios.PushVsPoll;

namespace Conflicto.Tests.Unit.Load;

public class PushVsPollTargetsTests
{
    [Fact]
    public void PerParticipantPerMinute_NormalisesByFollowersAndWindow() =>
        Assert.Equal(120.0, Targets.PerParticipantPerMinute(requests: 40_000, participants: 1000, seconds: 20), 9);

    [Theory]
    [InlineData(120.0, 4.0, 30.0)]
    [InlineData(0.0, 0.0, 1.0)]
    public void Ratio_DividesPollByPush(double poll, double push, double expected) =>
        Assert.Equal(expected, Targets.Ratio(poll, push), 9);

    [Fact]
    public void Ratio_PushSentNothing_IsInfiniteAndMeetsAnyTarget()
    {
        var ratio = Targets.Ratio(120, 0);

        Assert.True(double.IsPositiveInfinity(ratio));
        Assert.Equal("∞×", Targets.Times(ratio));
        Assert.True(Targets.Judge(ratio, 20, 1, 1)[0].Met);
    }

    [Fact]
    public void Judge_AtTheTargets_AllMet()
    {
        var verdicts = Targets.Judge(requestRatio: 20, freshnessRatio: 10, statusP99Ms: 50, fetchP99Ms: 12);

        Assert.Equal(3, verdicts.Count);
        Assert.All(verdicts, v => Assert.True(v.Met, v.Target));
        Assert.Equal("20.0×", verdicts[0].Measured);
    }

    [Fact]
    public void Judge_JustShortOfEachTarget_MissesExactlyThatOne()
    {
        Assert.False(Targets.Judge(19.9, 10, 1, 1)[0].Met);
        Assert.False(Targets.Judge(20, 9.9, 1, 1)[1].Met);
        var slowFetch = Targets.Judge(20, 10, 3, 50.1);
        Assert.False(slowFetch[2].Met); // the worse of status and fetch decides
        Assert.True(slowFetch[0].Met && slowFetch[1].Met);
    }
}

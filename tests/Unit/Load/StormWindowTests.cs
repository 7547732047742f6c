using Conflicto.Load.Scenarios.ReconnectStorm;

namespace Conflicto.Tests.Unit.Load;

public class StormWindowTests
{
    [Fact]
    public void StormWindowLength_ShortStorm_IsTheQuietWindowsLength() =>
        Assert.Equal(TimeSpan.FromSeconds(20), ReconnectStormScenario.StormWindowLength(TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(3)));

    [Fact]
    public void StormWindowLength_LongStorm_GrowsByTenSecondsUntilCountersArePublished()
    {
        // 15 s of storm + 11 s of statistics flush + 1 s margin = 27 s: the next step is 30 s.
        Assert.Equal(TimeSpan.FromSeconds(30), ReconnectStormScenario.StormWindowLength(TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(15)));
    }
}

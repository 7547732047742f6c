using Conflicto.Server.Shutdown;
using Microsoft.Extensions.Time.Testing;

namespace Conflicto.Tests.Unit.Server.Shutdown;

public sealed class NodeDrainTests
{
    [Fact]
    public void Begin_OnlyTheFirstCallStartsTheDrain_AndItsClockRunsFromThere()
    {
        var clock = new FakeTimeProvider();
        var drain = new NodeDrain(clock);
        Assert.False(drain.IsDraining);
        Assert.Equal(TimeSpan.Zero, drain.Elapsed);

        Assert.True(drain.Begin());
        clock.Advance(TimeSpan.FromSeconds(3));
        Assert.False(drain.Begin());
        clock.Advance(TimeSpan.FromSeconds(2));

        Assert.True(drain.IsDraining);
        Assert.Equal(TimeSpan.FromSeconds(5), drain.Elapsed);
    }
}

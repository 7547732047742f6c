using Conflicto.Server.Shutdown;

namespace Conflicto.Tests.Unit.Server.Shutdown;

/// <summary>The drain's timetable: reconnects spread so a big audience does not move in one instant, and every phase within the budget.</summary>
public sealed class DrainPlanTests
{
    [Fact]
    public void For_TenThousandConnections_TellsThemInFiftyWavesOfTwoHundred()
    {
        var plan = DrainPlan.For(drainSeconds: 25, connections: 10_000);

        Assert.Equal(50, plan.Waves.Count);
        Assert.All(plan.Waves, size => Assert.Equal(200, size));
        Assert.True(plan.Waves.Count * DrainPlan.WaveInterval <= DrainPlan.MaxSpread);
    }

    [Fact]
    public void For_AnUnevenCount_TellsEveryConnectionOnce()
    {
        var plan = DrainPlan.For(drainSeconds: 25, connections: 1_001);

        Assert.Equal([201, 200, 200, 200, 200], plan.Waves);
    }

    [Fact]
    public void For_AFewConnections_TellsThemAllAtOnce()
    {
        Assert.Equal([3], DrainPlan.For(drainSeconds: 25, connections: 3).Waves);
    }

    [Fact]
    public void For_NoConnections_HasNoWave()
    {
        Assert.Empty(DrainPlan.For(drainSeconds: 25, connections: 0).Waves);
    }

    [Fact]
    public void For_AShortDrain_KeepsSpreadAndGraceWithinAFifthAndJobsWithinHalf()
    {
        var plan = DrainPlan.For(drainSeconds: 2, connections: 10_000);

        Assert.Equal(4, plan.Waves.Count); // 0.4 s of waves
        Assert.Equal(10_000, plan.Waves.Sum());
        Assert.Equal(TimeSpan.FromMilliseconds(400), plan.LeaveGrace);
        Assert.Equal(TimeSpan.FromSeconds(1), plan.FinishJobsWithin);
        Assert.Equal(TimeSpan.FromSeconds(2), plan.Total);
    }

    [Fact]
    public void For_ALongDrain_CapsTheSpreadAndTheGrace()
    {
        var plan = DrainPlan.For(drainSeconds: 600, connections: 1_000_000);

        Assert.Equal(50, plan.Waves.Count);
        Assert.Equal(DrainPlan.MaxLeaveGrace, plan.LeaveGrace);
        Assert.Equal(TimeSpan.FromSeconds(300), plan.FinishJobsWithin);
    }
}

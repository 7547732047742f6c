using System.Diagnostics;
using Conflicto.Load.Scenarios.PushVsPoll;

namespace Conflicto.Tests.Unit.Load;

public class PushVsPollFreshnessTests
{
    private static long Ms(double ms) => (long)(ms * Stopwatch.Frequency / 1000);

    private static readonly ChangeMark[] Changes = [new(1, Ms(1000)), new(2, Ms(2000)), new(3, Ms(3000))];

    [Fact]
    public void Match_Exact_TimesEachChangeToItsFirstSighting()
    {
        Sighting[] seen = [new(1, Ms(1010)), new(2, Ms(2020)), new(2, Ms(2500)), new(3, Ms(3005))];

        var result = Freshness.Match(Changes, seen, exact: true);

        Assert.All(result, r => Assert.Equal(SeenAs.Exact, r.Kind));
        Assert.Equal([10.0, 20.0, 5.0], result.Select(r => Math.Round(r.Delay.TotalMilliseconds, 3)));
    }

    [Fact]
    public void Match_Exact_ALaterEventDoesNotCoverAMissedOne()
    {
        Sighting[] seen = [new(1, Ms(1010)), new(3, Ms(3010))];

        var result = Freshness.Match(Changes, seen, exact: true);

        Assert.Equal([SeenAs.Exact, SeenAs.Missed, SeenAs.Exact], result.Select(r => r.Kind));
        Assert.Equal(TimeSpan.Zero, result[1].Delay);
    }

    [Fact]
    public void Match_States_ANewerStateCoversTheChangesBeforeIt()
    {
        // The poller saw change 1, then (polling once between changes 2 and 3... late) only change 3.
        Sighting[] seen = [new(1, Ms(1600)), new(3, Ms(3400))];

        var result = Freshness.Match(Changes, seen, exact: false);

        Assert.Equal([SeenAs.Exact, SeenAs.Superseded, SeenAs.Exact], result.Select(r => r.Kind));
        Assert.Equal([600.0, 1400.0, 400.0], result.Select(r => Math.Round(r.Delay.TotalMilliseconds, 3)));
    }

    [Fact]
    public void Match_States_ChangesNeverReachedAreMissed()
    {
        Sighting[] seen = [new(0, Ms(900)), new(1, Ms(1500))]; // 0: a state from before the measured changes

        var result = Freshness.Match(Changes, seen, exact: false);

        Assert.Equal([SeenAs.Exact, SeenAs.Missed, SeenAs.Missed], result.Select(r => r.Kind));
    }

    [Fact]
    public void Match_States_OrdersSightingsByTimeNotByArrivalInTheList()
    {
        Sighting[] seen = [new(3, Ms(3400)), new(1, Ms(1600))];

        var result = Freshness.Match(Changes, seen, exact: false);

        Assert.Equal(600.0, Math.Round(result[0].Delay.TotalMilliseconds, 3));
    }

    [Fact]
    public void Regressions_CountsOnlySightingsOfAnOlderStateAfterANewerOne()
    {
        Assert.Equal(0, Freshness.Regressions([new(1, Ms(1)), new(1, Ms(2)), new(2, Ms(3))]));
        Assert.Equal(1, Freshness.Regressions([new(1, Ms(1)), new(3, Ms(2)), new(2, Ms(3)), new(3, Ms(4))]));
    }
}

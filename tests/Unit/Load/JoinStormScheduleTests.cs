using System.Diagnostics;
using Conflicto.Load.Scenarios.JoinStorm;

namespace Conflicto.Tests.Unit.Load;

public class JoinStormScheduleTests
{
    [Fact]
    public void TimeOf_SpacesArrivalsAtTheRateFromZero()
    {
        var schedule = ArrivalSchedule.Create(10_000, 200, 500);

        Assert.Equal(TimeSpan.Zero, schedule.TimeOf(0));
        Assert.Equal(TimeSpan.FromMilliseconds(5), schedule.TimeOf(1));
        Assert.Equal(TimeSpan.FromSeconds(1), schedule.TimeOf(200));
        Assert.Equal(49.995, schedule.LastArrival.TotalSeconds, 6); // 10,000 at 200/s: the last one just before 50 s
    }

    [Fact]
    public void DueBy_CountsEveryArrivalScheduledUpToThatMoment()
    {
        var schedule = ArrivalSchedule.Create(1000, 100, 500);

        Assert.Equal(0, schedule.DueBy(TimeSpan.FromMilliseconds(-1)));
        Assert.Equal(1, schedule.DueBy(TimeSpan.Zero));
        Assert.Equal(1, schedule.DueBy(TimeSpan.FromMilliseconds(9)));
        Assert.Equal(2, schedule.DueBy(TimeSpan.FromMilliseconds(10)));
        Assert.Equal(101, schedule.DueBy(TimeSpan.FromSeconds(1)));
        Assert.Equal(1000, schedule.DueBy(TimeSpan.FromMinutes(5)));
        for (var i = 0; i < schedule.Count; i += 37) Assert.Equal(i + 1, schedule.DueBy(schedule.TimeOf(i)));
    }

    [Fact]
    public void Groups_TheFirstArrivalsAreMeasuredApart()
    {
        var schedule = ArrivalSchedule.Create(1000, 100, 500);

        Assert.True(schedule.IsFirst(499));
        Assert.False(schedule.IsFirst(500));
        Assert.Equal("first 500", schedule.GroupOf(0));
        Assert.Equal("after 500", schedule.GroupOf(999));
        Assert.Equal(300, ArrivalSchedule.Create(300, 100, 500).First); // never more than everyone
    }

    [Fact]
    public void Create_RefusesAScheduleThatCannotRun()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ArrivalSchedule.Create(0, 100, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => ArrivalSchedule.Create(10, 0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => ArrivalSchedule.Create(10, 1, 0).TimeOf(10));
    }

    [Fact]
    public void LongestWithoutUpdate_CountsFromTheStartBetweenUpdatesAndToTheEnd()
    {
        var s = Stopwatch.Frequency; // one second in ticks
        long start = 100 * s;

        Assert.Equal(TimeSpan.FromSeconds(3), HostCount.LongestWithoutUpdate([start + 1 * s, start + 4 * s, start + 5 * s], start, start + 6 * s));
        Assert.Equal(TimeSpan.FromSeconds(4), HostCount.LongestWithoutUpdate([start + 1 * s, start + 2 * s], start, start + 6 * s)); // quiet at the end
        Assert.Equal(TimeSpan.FromSeconds(6), HostCount.LongestWithoutUpdate([start - s, start + 7 * s], start, start + 6 * s)); // updates outside the span do not count
        Assert.Equal(TimeSpan.FromSeconds(2), HostCount.LongestWithoutUpdate([start + 3 * s, start + 1 * s, start + 4 * s], start, start + 4 * s)); // any order
    }
}

using Conflicto.Load.Shapes;

namespace Conflicto.Tests.Unit.Load;

public class LoadShapeTests
{
    [Fact]
    public void Closed_UsersAt_GrowsLinearlyOverRampUpThenStaysAtN()
    {
        var shape = new ClosedModel(10, TimeSpan.FromSeconds(10));

        Assert.Equal(0, shape.UsersAt(TimeSpan.FromSeconds(-1)));
        Assert.Equal(1, shape.UsersAt(TimeSpan.Zero));
        Assert.Equal(5, shape.UsersAt(TimeSpan.FromSeconds(4.5)));
        Assert.Equal(10, shape.UsersAt(TimeSpan.FromSeconds(9.99)));
        Assert.Equal(10, shape.UsersAt(TimeSpan.FromSeconds(60)));
    }

    [Fact]
    public void Closed_StartOf_SpacesUsersEvenlyAndAgreesWithUsersAt()
    {
        var shape = new ClosedModel(4, TimeSpan.FromSeconds(2));

        Assert.Equal([0.0, 0.5, 1.0, 1.5], Enumerable.Range(0, 4).Select(i => shape.StartOf(i).TotalSeconds));
        for (var i = 0; i < 4; i++) Assert.Equal(i + 1, shape.UsersAt(shape.StartOf(i)));
    }

    [Fact]
    public void Closed_NoRampUp_StartsEveryoneAtOnce()
    {
        var shape = new ClosedModel(50, TimeSpan.Zero);

        Assert.Equal(TimeSpan.Zero, shape.StartOf(49));
        Assert.Equal(50, shape.UsersAt(TimeSpan.Zero));
    }

    [Fact]
    public void Open_NoRampUp_ArrivalsAreEvenlySpacedAtTheRate()
    {
        var shape = new OpenModel(4, TimeSpan.Zero);

        var arrivals = shape.ArrivalsUntil(TimeSpan.FromSeconds(2)).Select(t => t.TotalSeconds).ToList();

        Assert.Equal(8, arrivals.Count);
        Assert.Equal(0.25, arrivals[0], 9);
        Assert.Equal(2.0, arrivals[^1], 9);
    }

    [Fact]
    public void Open_RampUp_FirstHalfOfRampHasAQuarterOfItsArrivals()
    {
        // Rate 100/s reached after 10 s: 500 arrivals during the ramp, 125 of them in its first 5 s.
        var shape = new OpenModel(100, TimeSpan.FromSeconds(10));

        Assert.Equal(125, shape.ExpectedArrivals(TimeSpan.FromSeconds(5)), 9);
        Assert.Equal(500, shape.ExpectedArrivals(TimeSpan.FromSeconds(10)), 9);
        Assert.Equal(600, shape.ExpectedArrivals(TimeSpan.FromSeconds(11)), 9);
        Assert.Equal(600, shape.ArrivalsUntil(TimeSpan.FromSeconds(11)).Count());
    }

    [Fact]
    public void Open_ArrivalTime_IsTheInverseOfExpectedArrivals_AndIncreasing()
    {
        var shape = new OpenModel(50, TimeSpan.FromSeconds(3));

        var previous = TimeSpan.Zero;
        for (long k = 1; k <= 400; k++)
        {
            var at = shape.ArrivalTime(k);
            Assert.True(at > previous, $"arrival {k} at {at} is not after {previous}");
            Assert.Equal(k, shape.ExpectedArrivals(at), 3); // TimeSpan resolution is 100 ns
            previous = at;
        }
    }
}

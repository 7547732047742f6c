using Conflicto.Load.Scenarios.ReconnectStorm;

namespace Conflicto.Tests.Unit.Load;

public class DropSelectionTests
{
    [Theory]
    [InlineData(1000, 0.5, 500)]
    [InlineData(7, 0.5, 4)] // 3.5 rounds up
    [InlineData(3, 0.01, 1)] // a share above 0 drops someone
    [InlineData(10, 1.0, 10)]
    [InlineData(10, 0.0, 0)]
    public void Pick_TakesTheShareOfDistinctIndicesInRange(int count, double share, int expected)
    {
        var picked = DropSelection.Pick(count, share, seed: 1);

        Assert.Equal(expected, picked.Count);
        Assert.Equal(expected, picked.Distinct().Count());
        Assert.All(picked, i => Assert.InRange(i, 0, count - 1));
        Assert.Equal(picked.Order(), picked);
    }

    [Fact]
    public void Pick_SameSeed_SameClients_OtherSeed_OtherClients()
    {
        Assert.Equal(DropSelection.Pick(200, 0.3, 7), DropSelection.Pick(200, 0.3, 7));
        Assert.NotEqual(DropSelection.Pick(200, 0.3, 7), DropSelection.Pick(200, 0.3, 8));
    }

    [Fact]
    public void Pick_HalfOfAThousand_IsSpreadOverTheWholeRange()
    {
        var picked = DropSelection.Pick(1000, 0.5, 1);

        // Not the first half (a prefix would drop only the earliest joiners).
        Assert.InRange(picked.Count(i => i < 500), 200, 300);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.1)]
    public void Pick_ShareOutsideZeroToOne_IsRefused(double share) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => DropSelection.Pick(10, share, 1));
}

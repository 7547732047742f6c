using Conflicto.Load.Clients;
using Conflicto.Load.Runner;
using Conflicto.Load.Scenarios.ReconnectStorm;

namespace Conflicto.Tests.Unit.Load;

public class StormOptionsTests
{
    private static StormOptions Parse(params string[] args) => StormOptions.From(LoadOptions.Parse(["reconnect-storm", .. args]));

    [Fact]
    public void From_ReadsEveryStormOption()
    {
        var options = Parse("--participants", "1000", "--drop", "0.25", "--rate", "5", "--away", "3", "--window", "30", "--drop-mode", "silent", "--seed", "9");

        Assert.Equal(1000, options.Participants);
        Assert.Equal(0.25, options.DropShare);
        Assert.Equal(5, options.Rate);
        Assert.Equal(TimeSpan.FromSeconds(3), options.Away);
        Assert.Equal(TimeSpan.FromSeconds(30), options.Window);
        Assert.Equal(DropMode.Silent, options.Mode);
        Assert.Equal(9, options.Seed);
    }

    [Fact]
    public void From_Defaults_HalfDroppedByResetForTwoSeconds()
    {
        var options = Parse();

        Assert.Equal(0.5, options.DropShare);
        Assert.Equal(DropMode.Reset, options.Mode);
        Assert.Equal(TimeSpan.FromSeconds(2), options.Away);
    }

    [Theory]
    [InlineData("--drop", "0")]
    [InlineData("--drop", "1.5")]
    [InlineData("--drop-mode", "polite")]
    [InlineData("--window", "10")] // shorter than away + the statistics flush delay
    public void From_BadValues_AreRefused(string name, string value) =>
        Assert.Throws<FormatException>(() => Parse(name, value));
}

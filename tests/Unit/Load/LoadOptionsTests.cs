using Conflicto.Load.Runner;

namespace Conflicto.Tests.Unit.Load;

public class LoadOptionsTests
{
    [Fact]
    public void Parse_ReadsScenarioValuesRepeatsAndThresholds()
    {
        var options = LoadOptions.Parse(["classroom", "--participants", "50", "--p99-ms", "a=5", "--p99-ms=b=7", "--max-errors", "0", "--no-pin"]);

        Assert.Equal("classroom", options.Scenario);
        Assert.Equal(50, options.Int("participants", 1));
        Assert.True(options.Flag("no-pin"));
        var thresholds = options.Thresholds();
        Assert.Equal(0, thresholds.MaxErrors);
        Assert.Equal(5, thresholds.P99Ms["a"]);
        Assert.Equal(7, thresholds.P99Ms["b"]);
    }

    [Theory]
    [InlineData("classroom", "--participans", "5")]
    [InlineData("classroom", "--participants")]
    [InlineData("--participants", "5")]
    public void Parse_RefusesTyposAndMissingValues(params string[] args) =>
        Assert.Throws<FormatException>(() => LoadOptions.Parse(args));

    [Fact]
    public void Int_OutOfRange_IsRefused()
    {
        var options = LoadOptions.Parse(["classroom", "--participants", "0"]);

        Assert.Throws<FormatException>(() => options.Int("participants", 50, min: 1));
    }

    [Fact]
    public void Hub_StreamVersionDefaultsToTwoAndRefusesOthers()
    {
        Assert.Equal(new Conflicto.Load.Clients.HubProtocol(true, 2), LoadOptions.Parse(["fanout"]).Hub);
        Assert.Equal(new Conflicto.Load.Clients.HubProtocol(false, 1), LoadOptions.Parse(["fanout", "--stream-version", "1", "--protocol", "json"]).Hub);
        Assert.Throws<FormatException>(() => LoadOptions.Parse(["fanout", "--stream-version", "3"]).Hub);
    }
}

using Conflicto.Load.Stats;

namespace Conflicto.Tests.Unit.Load;

public class ThresholdsTests
{
    private static StepSummary Step(string name, long failed, double p99) =>
        new(name, Ok: 10, Failed: failed, Rate: 1, P50Ms: 1, P75Ms: 1, P95Ms: 1, P99Ms: p99, MaxMs: p99, MeanMs: 1, Errors: []);

    [Fact]
    public void Violations_AllWithinLimits_IsEmpty()
    {
        var t = new Thresholds(0, new Dictionary<string, double> { ["submit.ack"] = 20 });

        Assert.Empty(t.Violations([Step("submit.ack", 0, 19.9)]));
    }

    [Fact]
    public void Violations_ErrorsAboveMax_AreReported()
    {
        var t = new Thresholds(0, new Dictionary<string, double>());

        var broken = Assert.Single(t.Violations([Step("a", 1, 1), Step("b", 0, 1)]));
        Assert.Contains("1 errors", broken);
    }

    [Fact]
    public void Violations_StarAppliesToEveryStep()
    {
        var t = new Thresholds(null, new Dictionary<string, double> { ["*"] = 20 });

        var broken = t.Violations([Step("fast", 0, 5), Step("slow", 0, 25), Step("slower", 0, 30)]);

        Assert.Equal(2, broken.Count);
        Assert.Contains(broken, b => b.StartsWith("slow:"));
        Assert.Contains(broken, b => b.StartsWith("slower:"));
    }

    [Fact]
    public void Violations_NamedStepThatNeverRan_IsAViolation()
    {
        var t = new Thresholds(null, new Dictionary<string, double> { ["missing"] = 20 });

        Assert.Single(t.Violations([Step("other", 0, 1)]));
    }

    [Fact]
    public void ParseP99_ReadsStepAndMilliseconds()
    {
        var (step, ms) = Thresholds.ParseP99("fanout.state_changed=25.5");

        Assert.Equal("fanout.state_changed", step);
        Assert.Equal(25.5, ms);
    }

    [Theory]
    [InlineData("submit.ack")]
    [InlineData("=5")]
    [InlineData("a=-1")]
    [InlineData("a=x")]
    public void ParseP99_RejectsMalformed(string text) => Assert.Throws<FormatException>(() => Thresholds.ParseP99(text));
}

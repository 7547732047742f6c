using Conflicto.Load.Stats;

namespace Conflicto.Tests.Unit.Load;

public class StepStatsTests
{
    [Fact]
    public void Summarize_UniformOneToTenThousandMicros_GivesPercentilesOfThatDistribution()
    {
        var step = new StepStats("s");
        for (var us = 1; us <= 10_000; us++) step.RecordOk(us);

        var summary = step.Summarize(seconds: 10);

        // HdrHistogram with 3 significant digits: within 0.1 % of the exact value.
        Assert.Equal(5.0, summary.P50Ms, 0.01);
        Assert.Equal(7.5, summary.P75Ms, 0.01);
        Assert.Equal(9.5, summary.P95Ms, 0.01);
        Assert.Equal(9.9, summary.P99Ms, 0.01);
        Assert.Equal(10.0, summary.MaxMs, 0.01);
        Assert.Equal(10_000, summary.Ok);
        Assert.Equal(1000, summary.Rate, 6);
    }

    [Fact]
    public void Summarize_OnePercentSlowOutliers_ShowOnlyAboveP99()
    {
        var step = new StepStats("s");
        for (var i = 0; i < 990; i++) step.RecordOk(1_000);   // 1 ms
        for (var i = 0; i < 10; i++) step.RecordOk(500_000);  // 500 ms

        var summary = step.Summarize(1);

        Assert.Equal(1.0, summary.P95Ms, 0.01);
        Assert.Equal(1.0, summary.P99Ms, 0.01);
        Assert.Equal(500.0, summary.MaxMs, 0.5);
    }

    [Fact]
    public void Summarize_FailuresCountInRateNotInLatency_AndAreGroupedByMessage()
    {
        var step = new StepStats("s");
        step.RecordOk(2_000);
        step.RecordFailure("boom");
        step.RecordFailure("boom");
        step.RecordFailure("other");

        var summary = step.Summarize(2);

        Assert.Equal(1, summary.Ok);
        Assert.Equal(3, summary.Failed);
        Assert.Equal(2.0, summary.Rate, 6);
        Assert.Equal(2.0, summary.MaxMs, 0.01);
        Assert.Equal(new ErrorCount("boom", 2), summary.Errors[0]);
    }

    [Fact]
    public void Summarize_NoSamples_IsAllZeros()
    {
        var summary = new StepStats("s").Summarize(0);

        Assert.Equal(0, summary.P99Ms);
        Assert.Equal(0, summary.Rate);
    }

    [Fact]
    public void Metrics_WhileNotRecording_DropsLatenciesButKeepsFailures()
    {
        var metrics = new Metrics();
        metrics.StopRecording();
        metrics.Ok("warm", TimeSpan.FromMilliseconds(5));
        metrics.Fail("warm", "bad");
        metrics.StartRecording();
        metrics.Ok("warm", TimeSpan.FromMilliseconds(1));

        var summary = Assert.Single(metrics.Summaries());

        Assert.Equal(1, summary.Ok);
        Assert.Equal(1, summary.Failed);
        Assert.Equal(1.0, summary.MaxMs, 0.01);
    }

    [Fact]
    public void Metrics_Windows_CountsEachStartedWindow()
    {
        var metrics = new Metrics();
        Assert.Equal(0, metrics.Windows);

        metrics.StartRecording();
        metrics.EndWindow();
        metrics.StopRecording();
        metrics.StartRecording();

        Assert.Equal(2, metrics.Windows);
    }

    [Theory]
    [InlineData(100, 10.0, 10.0)]
    [InlineData(0, 5.0, 0.0)]
    [InlineData(7, 0.0, 0.0)]
    public void PerSecond_DividesByTheWindow(long count, double seconds, double expected) =>
        Assert.Equal(expected, RateCalculator.PerSecond(count, seconds), 9);
}

using Conflicto.Server.Webhooks;

namespace Conflicto.Tests.Unit.Webhooks;

public sealed class RetryScheduleTests
{
    [Theory]
    [InlineData(1, 10)]
    [InlineData(2, 20)]
    [InlineData(3, 40)]
    [InlineData(9, 2560)]
    [InlineData(10, 3600)]
    [InlineData(50, 3600)]
    public void WithoutJitter_TheDelayDoubles_UpToTheCap(int failedAttempts, double expected) =>
        Assert.Equal(expected, RetrySchedule.DelaySeconds(failedAttempts, 10, 3600, 0.2, random: 0.5), 6);

    [Fact]
    public void Jitter_StaysWithinItsFraction_AndNeverAboveTheCap()
    {
        Assert.Equal(8, RetrySchedule.DelaySeconds(1, 10, 3600, 0.2, random: 0), 6);
        Assert.Equal(11.99, RetrySchedule.DelaySeconds(1, 10, 3600, 0.2, random: 0.9975), 6);
        Assert.Equal(3600, RetrySchedule.DelaySeconds(20, 10, 3600, 0.2, random: 0.999), 6);
        Assert.Equal(2880, RetrySchedule.DelaySeconds(20, 10, 3600, 0.2, random: 0), 6);
        var random = new Random(7);
        for (var attempt = 1; attempt < 30; attempt++)
        {
            var delay = RetrySchedule.DelaySeconds(attempt, 10, 3600, 0.2, random.NextDouble());
            Assert.InRange(delay, 8, 3600);
        }
    }

    [Fact]
    public void TheDefaults_DisableAfterAboutTwelveHoursOfFailures()
    {
        var options = new WebhookOptions();
        var total = Enumerable.Range(1, options.DisableAfterFailures - 1).Sum(n => RetrySchedule.DelaySeconds(n, options, 0.5));
        Assert.InRange(total / 3600, 10, 14);
    }
}

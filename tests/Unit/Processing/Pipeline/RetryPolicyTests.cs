using Conflicto.Processing.Pipeline;

namespace Conflicto.Tests.Unit.Processing.Pipeline;

public class RetryPolicyTests
{
    private static readonly TimeSpan Base = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Max = TimeSpan.FromMinutes(5);

    [Theory]
    [InlineData(1, 2)]
    [InlineData(2, 4)]
    [InlineData(3, 8)]
    [InlineData(6, 64)]
    public void DelayAfter_DoublesPerAttempt_WithinTheUpperHalf(int attempt, double fullSeconds)
    {
        var lowest = new RetryPolicy(Base, Max, () => 0.0).DelayAfter(attempt);
        var highest = new RetryPolicy(Base, Max, () => 1.0).DelayAfter(attempt);

        Assert.Equal(fullSeconds / 2, lowest.TotalSeconds, 6);
        Assert.Equal(fullSeconds, highest.TotalSeconds, 6);
    }

    [Theory]
    [InlineData(9)]
    [InlineData(40)]
    [InlineData(int.MaxValue)]
    public void DelayAfter_IsCappedAtTheMaximum(int attempt)
    {
        var highest = new RetryPolicy(Base, Max, () => 1.0).DelayAfter(attempt);
        Assert.Equal(Max, highest);
    }

    [Fact]
    public void DelayAfter_SpreadsRetriesWithJitter()
    {
        var random = new Random(42);
        var policy = new RetryPolicy(Base, Max, random.NextDouble);
        var delays = Enumerable.Range(0, 200).Select(_ => policy.DelayAfter(3).TotalMilliseconds).ToList();

        Assert.All(delays, d => Assert.InRange(d, 4_000, 8_000));
        Assert.True(delays.Distinct().Count() > 150, "jitter should make retries of jobs that failed together differ");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void DelayAfter_RejectsAttemptsBelowOne(int attempt) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new RetryPolicy(Base, Max).DelayAfter(attempt));
}

namespace Conflicto.Processing.Pipeline;

/// <summary>
/// Exponential backoff with jitter: attempt n waits base × 2^(n−1), capped, then a random point in
/// its upper half ("equal jitter"), so retries of many jobs that failed together spread out.
/// </summary>
public sealed class RetryPolicy(TimeSpan baseDelay, TimeSpan maxDelay, Func<double>? random = null)
{
    private readonly Func<double> _random = random ?? Random.Shared.NextDouble;

    public TimeSpan DelayAfter(int attempt)
    {
        if (attempt < 1) throw new ArgumentOutOfRangeException(nameof(attempt), attempt, "Attempts are counted from 1.");
        var exponent = Math.Min(attempt - 1, 30);
        var capped = Math.Min(baseDelay.TotalMilliseconds * Math.Pow(2, exponent), maxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped / 2 + _random() * capped / 2);
    }
}

namespace Conflicto.Server.Webhooks;

/// <summary>
/// Capped exponential backoff with jitter: after the n-th failed attempt at an event the next one
/// waits base × 2^(n−1), at most the cap, randomised by ± the jitter fraction (and never above the cap).
/// </summary>
public static class RetrySchedule
{
    public static double DelaySeconds(int failedAttempts, WebhookOptions options, double random) =>
        DelaySeconds(failedAttempts, options.RetryBaseSeconds, options.RetryMaxSeconds, options.RetryJitter, random);

    /// <param name="random">A number in [0, 1): 0.5 is the delay without jitter.</param>
    public static double DelaySeconds(int failedAttempts, double baseSeconds, double maxSeconds, double jitter, double random)
    {
        var exponent = Math.Clamp(failedAttempts - 1, 0, 40);
        var delay = Math.Min(maxSeconds, baseSeconds * Math.Pow(2, exponent));
        return Math.Min(maxSeconds, delay * (1 + jitter * (2 * random - 1)));
    }
}

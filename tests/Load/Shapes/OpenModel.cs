namespace Conflicto.Load.Shapes;

/// <summary>
/// Inject <see cref="RatePerSecond"/> iterations per second whatever the response times
/// (arrivals do not wait for earlier iterations). The rate grows linearly from 0 during
/// <see cref="RampUp"/>, so the expected number of arrivals by time t is
/// R·t²/(2·ramp) while ramping and R·ramp/2 + R·(t − ramp) afterwards; arrival k (1-based)
/// is scheduled when that count reaches k.
/// </summary>
public sealed record OpenModel(double RatePerSecond, TimeSpan RampUp)
{
    public double ExpectedArrivals(TimeSpan elapsed)
    {
        var t = Math.Max(0, elapsed.TotalSeconds);
        var ramp = RampUp.TotalSeconds;
        if (ramp <= 0) return RatePerSecond * t;
        return t <= ramp
            ? RatePerSecond * t * t / (2 * ramp)
            : RatePerSecond * ramp / 2 + RatePerSecond * (t - ramp);
    }

    /// <summary>When arrival <paramref name="k"/> (1-based) is due: the inverse of <see cref="ExpectedArrivals"/>.</summary>
    public TimeSpan ArrivalTime(long k)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        if (RatePerSecond <= 0) throw new InvalidOperationException("The rate must be positive.");
        var ramp = RampUp.TotalSeconds;
        var rampArrivals = RatePerSecond * ramp / 2;
        double seconds = ramp > 0 && k <= rampArrivals
            ? Math.Sqrt(2 * ramp * k / RatePerSecond)
            : ramp + (k - rampArrivals) / RatePerSecond;
        return TimeSpan.FromSeconds(seconds);
    }

    /// <summary>Every arrival due before <paramref name="end"/>, in order (bounded by the schedule itself).</summary>
    public IEnumerable<TimeSpan> ArrivalsUntil(TimeSpan end)
    {
        var total = (long)Math.Floor(ExpectedArrivals(end) + 1e-9);
        for (long k = 1; k <= total; k++) yield return ArrivalTime(k);
    }
}

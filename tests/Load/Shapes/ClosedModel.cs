namespace Conflicto.Load.Shapes;

/// <summary>
/// Keep <see cref="Users"/> virtual users busy, each running iterations back to back. During
/// <see cref="RampUp"/> users start evenly spaced: user i (0-based) starts at i × RampUp / Users.
/// </summary>
public sealed record ClosedModel(int Users, TimeSpan RampUp)
{
    public TimeSpan StartOf(int user)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(user);
        return Users <= 0 || RampUp <= TimeSpan.Zero ? TimeSpan.Zero : RampUp * user / Users;
    }

    /// <summary>How many users are running at <paramref name="elapsed"/> since the start.</summary>
    public int UsersAt(TimeSpan elapsed)
    {
        if (elapsed < TimeSpan.Zero) return 0;
        if (RampUp <= TimeSpan.Zero || elapsed >= RampUp) return Users;
        // Users whose start time is <= elapsed: i × ramp / N <= t  <=>  i <= t × N / ramp.
        return Math.Min(Users, (int)Math.Floor(elapsed.Ticks * (double)Users / RampUp.Ticks) + 1);
    }
}

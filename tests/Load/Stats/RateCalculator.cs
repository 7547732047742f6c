namespace Conflicto.Load.Stats;

public static class RateCalculator
{
    /// <summary>Events per second over a window; 0 for an empty or zero-length window.</summary>
    public static double PerSecond(long count, double seconds) => seconds > 0 ? count / seconds : 0;
}

using Conflicto.Load.Stats;

namespace Conflicto.Load.Runner;

/// <summary>What may have limited a run, so that a figure is not read as the server's limit when it was the client's.</summary>
public static class LimitDetector
{
    public const double SaturatedShare = 0.9;

    public static IReadOnlyList<string> Detect(IReadOnlyList<string> fromScenario, IReadOnlyList<StepSummary> steps, double clientCpuShare)
    {
        var limits = fromScenario.ToList();
        if (clientCpuShare >= SaturatedShare)
            limits.Add($"client CPU saturated ({clientCpuShare:P0} of its cores): figures may understate the server");
        var messages = steps.SelectMany(s => s.Errors).Select(e => e.Message).ToList();
        if (messages.Any(m => m.Contains("Cannot assign requested address", StringComparison.OrdinalIgnoreCase)
                              || m.Contains("Address already in use", StringComparison.OrdinalIgnoreCase)))
            limits.Add("local port exhaustion (EADDRNOTAVAIL/EADDRINUSE): use more loopback source addresses");
        if (messages.Any(m => m.Contains("Too many open files", StringComparison.OrdinalIgnoreCase)))
            limits.Add("file descriptor limit reached (ulimit -n)");
        return limits;
    }
}

namespace Conflicto.Load.Stats;

/// <summary>What the report shows for one step. Latencies are of successful calls only.</summary>
public sealed record StepSummary(
    string Step, long Ok, long Failed, double Rate,
    double P50Ms, double P75Ms, double P95Ms, double P99Ms, double MaxMs, double MeanMs,
    IReadOnlyList<ErrorCount> Errors);

public sealed record ErrorCount(string Message, int Count);

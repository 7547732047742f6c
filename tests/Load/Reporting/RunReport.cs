using Conflicto.Load.Stats;

namespace Conflicto.Load.Reporting;

/// <summary>Everything a run produced; written as Markdown and JSON. <see cref="Hub"/> says which hub protocol and stream version the clients spoke.</summary>
public sealed record RunReport(
    string Scenario,
    string Command,
    DateTimeOffset StartedAt,
    double WallSeconds,
    double MeasuredSeconds,
    string Target,
    MachineInfo Machine,
    IReadOnlyList<StepSummary> Steps,
    IReadOnlyList<CheckResult> Checks,
    IReadOnlyList<string> ThresholdViolations,
    IReadOnlyList<Figure> Figures,
    IReadOnlyList<string> Limits,
    ResourceUse Resources,
    IReadOnlyList<ReportTable>? Tables = null,
    int MeasuredWindows = 1,
    string? Hub = null)
{
    public bool Passed => ThresholdViolations.Count == 0 && Checks.All(c => c.Passed);
}

/// <summary>
/// A table of the scenario's own (e.g. two phases side by side), rendered after the figures;
/// <see cref="Notes"/> are printed under it as a list (what a column means, how it was measured).
/// </summary>
public sealed record ReportTable(string Title, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string>> Rows, IReadOnlyList<string> Notes);

/// <summary>A correctness check of the scenario (fails the run when false).</summary>
public sealed record CheckResult(string Name, bool Passed, string Detail);

/// <summary>A scenario-specific measured figure (e.g. deliveries/s), with its unit.</summary>
public sealed record Figure(string Name, double Value, string Unit);

public sealed record ResourceUse(
    double ClientCpuSeconds, double ClientCpuShare, int ClientCores,
    double? ServerCpuSeconds, long? ServerRssBytes);

using Conflicto.Load.Clients;
using Conflicto.Load.Reporting;
using Conflicto.Load.Runner;
using Conflicto.Load.Stats;
using Conflicto.Load.Target;

namespace Conflicto.Load.Scenarios;

/// <summary>What a scenario works with, and where it puts what it found.</summary>
public sealed class ScenarioContext(LoadOptions options, LoadTarget target, Metrics metrics, RestClient rest, TextWriter log)
{
    private readonly List<CheckResult> _checks = [];
    private readonly List<Figure> _figures = [];
    private readonly List<string> _limits = [];
    private readonly List<ReportTable> _tables = [];

    public LoadOptions Options => options;
    public LoadTarget Target => target;
    public Metrics Metrics => metrics;
    public RestClient Rest => rest;
    public TextWriter Log => log;

    /// <summary>What a scenario with its own target (baseline) says its hub clients spoke, for the report.</summary>
    public string? HubDescription { get; set; }

    /// <summary>Shown in the progress line.</summary>
    public string Phase { get; set; } = "starting";

    public IReadOnlyList<CheckResult> Checks => _checks;
    public IReadOnlyList<Figure> Figures => _figures;
    public IReadOnlyList<string> Limits => _limits;
    public IReadOnlyList<ReportTable> Tables => _tables;

    public void Check(string name, bool passed, string detail)
    {
        lock (_checks) _checks.Add(new CheckResult(name, passed, detail));
    }

    public void Figure(string name, double value, string unit)
    {
        lock (_figures) _figures.Add(new Figure(name, value, unit));
    }

    /// <summary>A table of the scenario's own in the report (after the figures).</summary>
    public void Table(ReportTable table)
    {
        lock (_tables) _tables.Add(table);
    }

    public void Limit(string text)
    {
        lock (_limits) if (!_limits.Contains(text)) _limits.Add(text);
    }

    /// <summary>
    /// Records server CPU per item (µs) over the measured window; the runner fills in the CPU
    /// figure when the run ends, since the window may still be open here.
    /// </summary>
    public void ServerCpuPerItem(string name, long items) => PerItemCpu = (name, items);

    public (string Name, long Items)? PerItemCpu { get; private set; }

    public Task<T> TimeAsync<T>(string step, Func<Task<T>> action) => metrics.TimeAsync(step, action);
}

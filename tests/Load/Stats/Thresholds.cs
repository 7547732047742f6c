using System.Globalization;

namespace Conflicto.Load.Stats;

/// <summary>
/// Pass/fail limits given on the command line: <c>--max-errors N</c> (all steps together) and
/// <c>--p99-ms STEP=N</c> (repeatable; STEP <c>*</c> means every step that has samples).
/// </summary>
public sealed record Thresholds(long? MaxErrors, IReadOnlyDictionary<string, double> P99Ms)
{
    public static readonly Thresholds None = new(null, new Dictionary<string, double>());

    /// <summary>Parses one <c>STEP=N</c> pair.</summary>
    public static KeyValuePair<string, double> ParseP99(string text)
    {
        var eq = text.LastIndexOf('=');
        if (eq <= 0 || !double.TryParse(text[(eq + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var ms) || ms <= 0)
            throw new FormatException($"--p99-ms expects STEP=MILLISECONDS (e.g. submit.ack=20), got '{text}'");
        return new(text[..eq], ms);
    }

    /// <summary>Every limit broken, as readable sentences; empty when all hold.</summary>
    public IReadOnlyList<string> Violations(IReadOnlyList<StepSummary> steps)
    {
        var broken = new List<string>();
        var errors = steps.Sum(s => s.Failed);
        if (MaxErrors is { } max && errors > max)
            broken.Add($"{errors} errors > --max-errors {max}");
        foreach (var (step, limit) in P99Ms)
        {
            var matching = step == "*" ? steps.Where(s => s.Ok > 0).ToList() : steps.Where(s => s.Step == step).ToList();
            if (matching.Count == 0 && step != "*")
                broken.Add($"step '{step}' (--p99-ms) never ran");
            foreach (var s in matching.Where(s => s.P99Ms > limit))
                broken.Add($"{s.Step}: p99 {s.P99Ms:0.###} ms > {limit:0.###} ms");
        }
        return broken;
    }
}

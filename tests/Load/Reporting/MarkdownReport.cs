using System.Globalization;
using System.Text;

namespace Conflicto.Load.Reporting;

public static class MarkdownReport
{
    public static string Render(RunReport r)
    {
        var ci = CultureInfo.InvariantCulture;
        var md = new StringBuilder();
        void Line(string s = "") => md.Append(s).Append('\n');
        Line($"# Load run: {r.Scenario} — {(r.Passed ? "PASSED" : "FAILED")}");
        Line();
        Line($"- Command: `{r.Command}`");
        // A scenario with several measured windows (phases) reports each in its own table; the
        // header's window, step rates and server CPU are those of the last one.
        var last = r.MeasuredWindows > 1 ? $" (the last of {r.MeasuredWindows} measured windows: step rates and server CPU below are for it alone)" : "";
        Line($"- Started: {r.StartedAt.ToString("yyyy-MM-dd HH:mm:ss", ci)} UTC; wall {r.WallSeconds.ToString("0.0", ci)} s, measured window {r.MeasuredSeconds.ToString("0.0", ci)} s{last}");
        Line($"- Target: {r.Target}");
        if (r.Hub is not null) Line($"- Hub clients: {r.Hub}");
        Line($"- Machine: {r.Machine.Cores} cores ({r.Machine.Cpu}), {r.Machine.MemoryBytes / (1024.0 * 1024 * 1024):0.0} GiB RAM, {r.Machine.Os}, {r.Machine.DotNet}");
        var res = r.Resources;
        Line($"- Client CPU: {res.ClientCpuSeconds.ToString("0.00", ci)} s = {res.ClientCpuShare.ToString("P0", ci)} of {res.ClientCores} core(s) over the run");
        if (res.ServerCpuSeconds is { } cpu)
            Line($"- Server CPU: {cpu.ToString("0.00", ci)} s during the {(r.MeasuredWindows > 1 ? "last " : "")}measured window; RSS at the end {res.ServerRssBytes / (1024.0 * 1024):0} MiB");
        Line();
        Line("| Step | OK | Failed | Rate/s | p50 ms | p75 ms | p95 ms | p99 ms | max ms |");
        Line("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var s in r.Steps)
            Line(string.Create(ci, $"| {s.Step} | {s.Ok} | {s.Failed} | {s.Rate:0.0} | {s.P50Ms:0.00} | {s.P75Ms:0.00} | {s.P95Ms:0.00} | {s.P99Ms:0.00} | {s.MaxMs:0.00} |"));
        if (r.Figures.Count > 0)
        {
            Line();
            Line("| Figure | Value |");
            Line("|---|---:|");
            foreach (var f in r.Figures) Line(string.Create(ci, $"| {f.Name} | {f.Value:0.##} {f.Unit} |"));
        }
        foreach (var table in r.Tables ?? [])
        {
            Line();
            Line($"## {table.Title}");
            Line();
            Line($"| {string.Join(" | ", table.Columns)} |");
            Line($"|---|{string.Concat(Enumerable.Repeat("---:|", table.Columns.Count - 1))}");
            foreach (var row in table.Rows) Line($"| {string.Join(" | ", row)} |");
            if (table.Notes.Count > 0) Line();
            foreach (var note in table.Notes) Line($"- {note}");
        }
        Line();
        Line("## Checks");
        foreach (var c in r.Checks) Line($"- {(c.Passed ? "PASS" : "FAIL")} {c.Name}: {c.Detail}");
        if (r.ThresholdViolations.Count > 0)
        {
            Line();
            Line("## Thresholds broken");
            foreach (var v in r.ThresholdViolations) Line($"- {v}");
        }
        var errors = r.Steps.SelectMany(s => s.Errors.Select(e => (s.Step, e))).ToList();
        if (errors.Count > 0)
        {
            Line();
            Line("## Errors (most frequent per step)");
            foreach (var (step, e) in errors) Line($"- {step} ×{e.Count}: {e.Message.ReplaceLineEndings(" ")}");
        }
        Line();
        Line("## Limits seen");
        if (r.Limits.Count == 0) Line("- none detected");
        foreach (var l in r.Limits) Line($"- {l}");
        return md.ToString();
    }
}

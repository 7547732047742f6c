using System.Diagnostics;
using Conflicto.Load.Clients;
using Conflicto.Load.Reporting;
using Conflicto.Load.Scenarios;
using Conflicto.Load.Stats;
using Conflicto.Load.Target;

namespace Conflicto.Load.Runner;

/// <summary>Runs one scenario end to end: target up, load, checks, thresholds, reports, target down.</summary>
public static class LoadRun
{
    public static async Task<int> ExecuteAsync(LoadOptions options, IScenario scenario, CancellationToken ct)
    {
        var log = Console.Error;
        var startedAt = DateTimeOffset.UtcNow;
        var wall = Stopwatch.StartNew();
        var resultsDir = options.String("results") ?? Path.Combine(RepoPaths.Root, "results");
        Directory.CreateDirectory(resultsDir);
        var thresholds = options.Thresholds();

        await using var target = scenario.UsesConflictoServer ? await LoadTarget.StartAsync(options, resultsDir, log, ct) : LoadTarget.None;
        log.WriteLine($"target: {target.Description}");
        var metrics = new Metrics();
        using var http = RestClient.CreateHttp();
        var ctx = new ScenarioContext(options, target, metrics, new RestClient(http), log);

        double? serverCpuAtWindow = null;
        double? serverCpuAtEnd = null;
        metrics.WindowStarted += () => serverCpuAtWindow = target.Server?.CpuSeconds;
        metrics.WindowEnded += () => serverCpuAtEnd = target.Server?.CpuSeconds;
        var clientCpu = Process.GetCurrentProcess().TotalProcessorTime;

        await using (new ProgressLine(metrics, () => ctx.Phase))
        {
            try
            {
                await scenario.RunAsync(ctx, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                ctx.Check("scenario completed", false, Metrics.Describe(e));
            }
        }
        metrics.EndWindow();

        var serverCpu = target.Server is { } server ? (serverCpuAtEnd ?? server.CpuSeconds) - (serverCpuAtWindow ?? 0) : (double?)null;
        if (serverCpu is { } cpuSeconds && ctx.PerItemCpu is { } perItem)
            ctx.Figure(perItem.Name, cpuSeconds * 1e6 / perItem.Items, "µs");
        var cores = Environment.ProcessorCount;
        var clientCores = OperatingSystem.IsLinux() ? BitCount((long)Process.GetCurrentProcess().ProcessorAffinity) : cores;
        var clientSeconds = (Process.GetCurrentProcess().TotalProcessorTime - clientCpu).TotalSeconds;
        var share = clientSeconds / Math.Max(0.001, wall.Elapsed.TotalSeconds) / Math.Max(1, clientCores);
        var steps = metrics.Summaries();
        var limits = LimitDetector.Detect(ctx.Limits, steps, share);
        ctx.Check("zero errors", metrics.TotalFailures == 0, $"{metrics.TotalFailures} failed calls");

        var report = new RunReport(scenario.Name, "dotnet run -c Release --project tests/Load -- " + string.Join(' ', options.CommandLine),
            startedAt, wall.Elapsed.TotalSeconds, metrics.MeasuredSeconds, target.Description, MachineInfo.Current(),
            steps, ctx.Checks, thresholds.Violations(steps), ctx.Figures, limits,
            new ResourceUse(clientSeconds, share, clientCores, serverCpu, target.Server?.RssBytes),
            ctx.Tables, Math.Max(1, metrics.Windows), scenario.UsesConflictoServer ? options.Hub.ToString() : ctx.HubDescription);
        var path = ReportWriter.Write(report, resultsDir);
        Console.Out.Write(MarkdownReport.Render(report));
        Console.Out.WriteLine();
        Console.Out.WriteLine($"report: {path} (+ .json)");
        return report.Passed ? 0 : 1;
    }

    private static int BitCount(long mask) => System.Numerics.BitOperations.PopCount((ulong)mask);
}

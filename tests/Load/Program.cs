using Conflicto.Load.Runner;

namespace Conflicto.Load;

public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        // Internal: the baseline scenario's bare hub runs as a child process of the runner.
        if (args is ["baseline-server", var port]) return await Scenarios.Baseline.BareHubServer.RunAsync(int.Parse(port));
        LoadOptions options;
        try
        {
            options = LoadOptions.Parse(args);
            if (!ScenarioCatalog.All.ContainsKey(options.Scenario))
                throw new FormatException($"unknown scenario '{options.Scenario}'");
            _ = options.Thresholds();
            _ = options.Hub;
        }
        catch (FormatException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            Console.Error.WriteLine($"usage: dotnet run -c Release --project tests/Load -- <{string.Join('|', ScenarioCatalog.All.Keys)}> [--participants N] [--url http://127.0.0.1:5000[,...]] [--postgres CS] [--max-errors N] [--p99-ms STEP=MS] ... (see docs/benchmarks.md)");
            return 2;
        }
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
        try
        {
            return await LoadRun.ExecuteAsync(options, ScenarioCatalog.All[options.Scenario](), cancel.Token);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Console.Error.WriteLine($"error: the run could not start or finish: {e.Message}");
            return 2;
        }
    }
}

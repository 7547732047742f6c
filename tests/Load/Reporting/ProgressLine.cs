using System.Diagnostics;
using Conflicto.Load.Stats;

namespace Conflicto.Load.Reporting;

/// <summary>
/// A live status on stderr: rewritten in place once per second on a terminal, a plain line
/// every 5 s when stderr is redirected (CI logs stay short).
/// </summary>
public sealed class ProgressLine : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly bool _terminal = !Console.IsErrorRedirected;

    public ProgressLine(Metrics metrics, Func<string> phase)
    {
        _loop = RunAsync(metrics, phase);
    }

    private async Task RunAsync(Metrics metrics, Func<string> phase)
    {
        var clock = Stopwatch.StartNew();
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(_terminal ? 1 : 5));
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                var steps = metrics.Summaries();
                var busiest = steps.OrderByDescending(s => s.Ok).FirstOrDefault();
                var text = $"[{clock.Elapsed.TotalSeconds,4:0}s] {phase()} | ok {steps.Sum(s => s.Ok)} fail {steps.Sum(s => s.Failed)}"
                           + (busiest is null ? "" : $" | {busiest.Step} {busiest.Rate:0}/s p99 {busiest.P99Ms:0.0} ms")
                           + (metrics.Recording ? "" : " (warm-up)");
                if (_terminal) Console.Error.Write("\r" + text + "    ");
                else Console.Error.WriteLine(text);
            }
        }
        catch (OperationCanceledException) { /* stopped */ }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        if (_terminal) Console.Error.WriteLine();
        _stop.Dispose();
    }
}

using System.Diagnostics;
using Conflicto.Load.Stats;

namespace Conflicto.Load.Shapes;

/// <summary>
/// Drives an iteration under a load shape for warm-up + duration. Warm-up starts at time 0
/// (ramp-up included) and is excluded from the statistics; the measured window follows it.
/// </summary>
public sealed class ShapeRunner(Metrics metrics, TimeSpan warmUp, TimeSpan duration)
{
    public TimeSpan Total => warmUp + duration;

    /// <summary>Closed model: each user loops <paramref name="iteration"/> until the end.</summary>
    public async Task RunClosedAsync(ClosedModel shape, Func<int, CancellationToken, Task> iteration, CancellationToken ct)
    {
        using var end = CancellationTokenSource.CreateLinkedTokenSource(ct);
        end.CancelAfter(Total);
        var clock = Stopwatch.StartNew();
        var window = StartWindowAsync(end.Token);
        var users = Enumerable.Range(0, shape.Users).Select(async user =>
        {
            var delay = shape.StartOf(user) - clock.Elapsed;
            if (delay > TimeSpan.Zero) await Task.Delay(delay, end.Token).ContinueWith(_ => { });
            while (!end.IsCancellationRequested)
            {
                try { await iteration(user, end.Token); }
                catch (OperationCanceledException) when (end.IsCancellationRequested) { break; }
                catch (Exception) { /* the iteration records its own failures */ }
            }
        }).ToList();
        await Task.WhenAll(users);
        await window;
        metrics.EndWindow();
    }

    /// <summary>
    /// Open model: starts iteration k at its scheduled time without waiting for earlier ones.
    /// At most <paramref name="maxInFlight"/> run at once; an arrival beyond that is counted as a
    /// failure of step "arrival" (the target or the client cannot keep up), never queued.
    /// </summary>
    public async Task RunOpenAsync(OpenModel shape, Func<long, CancellationToken, Task> iteration, int maxInFlight, CancellationToken ct)
    {
        using var end = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var clock = Stopwatch.StartNew();
        var window = StartWindowAsync(end.Token);
        var inFlight = 0;
        var running = new List<Task>();
        long k = 0;
        foreach (var due in shape.ArrivalsUntil(Total))
        {
            k++;
            var wait = due - clock.Elapsed;
            if (wait > TimeSpan.FromMilliseconds(1)) await Task.Delay(wait, ct);
            if (Interlocked.Increment(ref inFlight) > maxInFlight)
            {
                Interlocked.Decrement(ref inFlight);
                metrics.Fail("arrival", $"more than {maxInFlight} iterations in flight");
                continue;
            }
            var n = k;
            running.Add(Task.Run(async () =>
            {
                try { await iteration(n, end.Token); }
                catch (Exception) { /* the iteration records its own failures */ }
                finally { Interlocked.Decrement(ref inFlight); }
            }, CancellationToken.None));
            if (running.Count > 4 * maxInFlight) running.RemoveAll(t => t.IsCompleted);
        }
        metrics.EndWindow();
        await Task.WhenAll(running);
        await end.CancelAsync();
        await window;
    }

    private async Task StartWindowAsync(CancellationToken ct)
    {
        if (warmUp <= TimeSpan.Zero) { metrics.StartRecording(); return; }
        metrics.StopRecording();
        try { await Task.Delay(warmUp, ct); } catch (OperationCanceledException) { return; }
        metrics.StartRecording();
    }
}

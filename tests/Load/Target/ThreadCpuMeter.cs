namespace Conflicto.Load.Target;

/// <summary>
/// CPU seconds spent by the threads of one name in a process from <see cref="Start"/> on. It samples
/// /proc every 200 ms and keeps each thread's last value, because such threads come and go (the
/// runtime's tier-1 compiler thread exits after a few idle seconds, taking its count with it).
/// </summary>
public sealed class ThreadCpuMeter : IAsyncDisposable
{
    private static readonly TimeSpan Every = TimeSpan.FromMilliseconds(200);
    private readonly Dictionary<int, (double First, double Last)> _threads = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly int _pid;
    private readonly string _name;

    private ThreadCpuMeter(int pid, string name)
    {
        _pid = pid;
        _name = name;
        Sample(initial: true);
        _loop = LoopAsync();
    }

    public static ThreadCpuMeter Start(int pid, string threadName) => new(pid, threadName);

    /// <summary>Samples once more and returns the seconds so far.</summary>
    public double Seconds()
    {
        lock (_threads)
        {
            Sample(initial: false);
            return Total(_threads.Values);
        }
    }

    /// <summary>Seconds used since the first sample: threads already running then count from that sample, later ones from zero.</summary>
    public static double Total(IEnumerable<(double First, double Last)> threads) => threads.Sum(t => t.Last - t.First);

    private void Sample(bool initial)
    {
        lock (_threads)
            foreach (var (id, seconds) in ProcStat.ThreadCpuSeconds(_pid, _name))
                _threads[id] = _threads.TryGetValue(id, out var seen) ? (seen.First, seconds) : (initial ? seconds : 0, seconds);
    }

    private async Task LoopAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                await Task.Delay(Every, _stop.Token);
                Sample(initial: false);
            }
        }
        catch (OperationCanceledException) { /* stopped */ }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}

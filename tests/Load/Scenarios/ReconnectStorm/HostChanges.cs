using System.Collections.Concurrent;
using System.Diagnostics;
using Conflicto.Load.Clients;
using Conflicto.Load.Shapes;
using Microsoft.AspNetCore.SignalR.Client;

namespace Conflicto.Load.Scenarios.ReconnectStorm;

/// <summary>
/// The host keeps the session moving for the whole run: at a fixed rate (open model: the
/// schedule does not wait for slow calls) it toggles one of its activities between draft and
/// published, one event for everyone each time, so events keep being committed while dropped
/// clients are away. Each change is filed under the window it started in (<see cref="Window"/>).
/// </summary>
public sealed class HostChanges : IAsyncDisposable
{
    private const int MaxInFlight = 64;
    private readonly ScenarioContext _ctx;
    private readonly LoadHubClient _host;
    private readonly IReadOnlyList<Guid> _activities;
    private readonly SemaphoreSlim[] _locks;
    private readonly bool[] _published;
    private readonly ConcurrentDictionary<long, (long Start, string Window)> _sent = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _lastAcked;
    private int _inFlight;

    public HostChanges(ScenarioContext ctx, LoadHubClient host, IReadOnlyList<Guid> activities, double rate)
    {
        _ctx = ctx;
        _host = host;
        _activities = activities;
        _locks = activities.Select(_ => new SemaphoreSlim(1, 1)).ToArray();
        _published = new bool[activities.Count];
        _loop = Task.Run(() => RunAsync(new OpenModel(rate, TimeSpan.Zero)));
    }

    /// <summary>The window new changes are filed under ("warmup", "quiet", "storm", "after"); steps are recorded for quiet and storm.</summary>
    public string Window { get; set; } = "warmup";

    /// <summary>The highest seq the host has had acknowledged: committed for sure.</summary>
    public long LastAcked => Interlocked.Read(ref _lastAcked);

    /// <summary>seq → (Stopwatch ticks just before the call, window).</summary>
    public IReadOnlyDictionary<long, (long Start, string Window)> Sent => _sent;

    private async Task RunAsync(OpenModel shape)
    {
        var clock = Stopwatch.StartNew();
        var running = new List<Task>();
        try
        {
            for (long k = 1; !_stop.IsCancellationRequested; k++)
            {
                var wait = shape.ArrivalTime(k) - clock.Elapsed;
                if (wait > TimeSpan.FromMilliseconds(1)) await Task.Delay(wait, _stop.Token);
                if (Interlocked.Increment(ref _inFlight) > MaxInFlight)
                {
                    Interlocked.Decrement(ref _inFlight);
                    _ctx.Metrics.Fail("host.arrival", $"change not started: {MaxInFlight} host changes already in flight (the server is not keeping up)");
                    continue;
                }
                running.Add(ChangeAsync((int)(k % _activities.Count)));
                running.RemoveAll(t => t.IsCompleted);
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested) { /* stopped */ }
        await Task.WhenAll(running);
    }

    private async Task ChangeAsync(int a)
    {
        var window = Window;
        var measured = window is "quiet" or "storm";
        try
        {
            await _locks[a].WaitAsync();
            try
            {
                var target = _published[a] ? "draft" : "published";
                var start = Stopwatch.GetTimestamp();
                Task<long> Call() => _host.Connection.InvokeAsync<long>("TransitionActivity", _activities[a], target, false, CancellationToken.None);
                var seq = measured ? await _ctx.TimeAsync($"{window}.transition", Call) : await Call();
                _published[a] = !_published[a];
                _sent[seq] = (start, window);
                InterlockedMax(ref _lastAcked, seq);
            }
            finally { _locks[a].Release(); }
        }
        catch (Exception e)
        {
            // A measured call was counted under its window's step by TimeAsync already.
            if (!measured) _ctx.Metrics.Fail("host.transition", e);
        }
        finally { Interlocked.Decrement(ref _inFlight); }
    }

    private static void InterlockedMax(ref long target, long value)
    {
        var seen = Interlocked.Read(ref target);
        while (value > seen)
        {
            var previous = Interlocked.CompareExchange(ref target, value, seen);
            if (previous == seen) return;
            seen = previous;
        }
    }

    /// <summary>Stops scheduling changes and waits for those in flight.</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await _loop;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested) await StopAsync();
        _stop.Dispose();
        foreach (var l in _locks) l.Dispose();
    }
}

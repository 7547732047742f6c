using System.Collections.Concurrent;
using System.Diagnostics;

namespace Conflicto.Load.Stats;

/// <summary>
/// The steps of one run. While <see cref="Recording"/> is off (warm-up) nothing is counted,
/// so the report covers the measured window only.
/// </summary>
public sealed class Metrics
{
    private readonly ConcurrentDictionary<string, StepStats> _steps = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];
    private long _measureStart = Stopwatch.GetTimestamp();
    private long? _measureEnd;

    public bool Recording { get; private set; } = true;

    /// <summary>How many measured windows were started (0 when the run never called <see cref="StartRecording"/>: one implicit window).</summary>
    public int Windows { get; private set; }

    public StepStats Step(string name)
    {
        if (_steps.TryGetValue(name, out var step)) return step;
        lock (_order)
        {
            // Under the lock so a step is created (and listed) once even when first hit concurrently.
            if (_steps.TryGetValue(name, out step)) return step;
            step = new StepStats(name);
            _steps[name] = step;
            _order.Add(name);
            return step;
        }
    }

    /// <summary>Times <paramref name="action"/> as one call of the step; exceptions count as failures and are rethrown.</summary>
    public async Task<T> TimeAsync<T>(string step, Func<Task<T>> action)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            var result = await action();
            Ok(step, Stopwatch.GetElapsedTime(start));
            return result;
        }
        catch (Exception e)
        {
            Fail(step, e);
            throw;
        }
    }

    public void Ok(string step, TimeSpan elapsed)
    {
        if (Recording) Step(step).RecordOk(elapsed);
    }

    public void Fail(string step, Exception e) => Fail(step, Describe(e));

    /// <summary>Failures count during warm-up too: an error is never something to hide.</summary>
    public void Fail(string step, string message) => Step(step).RecordFailure(message);

    public void StopRecording() => Recording = false;

    /// <summary>
    /// Starts the measured window (ends the warm-up). A scenario with phases starts one window per
    /// phase: each start replaces the previous window, so rates are over the last one.
    /// </summary>
    public void StartRecording()
    {
        Recording = true;
        Windows++;
        _measureStart = Stopwatch.GetTimestamp();
        _measureEnd = null;
        WindowStarted?.Invoke();
    }

    /// <summary>Raised when the measured window starts (the runner snapshots server CPU then).</summary>
    public event Action? WindowStarted;

    public void EndWindow()
    {
        if (_measureEnd is not null) return;
        _measureEnd = Stopwatch.GetTimestamp();
        WindowEnded?.Invoke();
    }

    /// <summary>Raised once when the measured window ends.</summary>
    public event Action? WindowEnded;

    public double MeasuredSeconds =>
        Stopwatch.GetElapsedTime(_measureStart, _measureEnd ?? Stopwatch.GetTimestamp()).TotalSeconds;

    public IReadOnlyList<StepSummary> Summaries()
    {
        var seconds = MeasuredSeconds;
        lock (_order) return _order.Select(n => _steps[n].Summarize(seconds)).ToList();
    }

    public long TotalFailures => _steps.Values.Sum(s => s.Failed);

    public static string Describe(Exception e) =>
        e is AggregateException { InnerException: { } inner } ? Describe(inner) : $"{e.GetType().Name}: {e.Message}";
}

using HdrHistogram;

namespace Conflicto.Load.Stats;

/// <summary>
/// One named step's outcomes: OK/fail counts and an HdrHistogram of OK latencies in
/// microseconds. Thread-safe (a lock: recording costs ~100 ns, far below any step we time).
/// </summary>
public sealed class StepStats
{
    /// <summary>One hour in µs: anything slower is clamped (and is a failure in practice).</summary>
    public const long HighestTrackableMicros = 3_600_000_000;

    private readonly LongHistogram _histogram = new(HighestTrackableMicros, 3);
    private readonly Dictionary<string, int> _errors = new(StringComparer.Ordinal);
    private readonly object _gate = new();

    public StepStats(string name) => Name = name;

    public string Name { get; }

    public long Ok { get; private set; }

    public long Failed { get; private set; }

    public void RecordOk(long micros)
    {
        var value = Math.Clamp(micros, 0, HighestTrackableMicros);
        lock (_gate)
        {
            _histogram.RecordValue(value);
            Ok++;
        }
    }

    public void RecordOk(TimeSpan elapsed) => RecordOk((long)(elapsed.Ticks / 10.0));

    /// <summary>Counts a failure; the message is kept (grouped) for the report.</summary>
    public void RecordFailure(string message)
    {
        var key = message.Length > 200 ? message[..200] : message;
        lock (_gate)
        {
            Failed++;
            _errors[key] = _errors.GetValueOrDefault(key) + 1;
        }
    }

    /// <summary>A consistent summary; <paramref name="seconds"/> is the measured window for the rate.</summary>
    public StepSummary Summarize(double seconds)
    {
        lock (_gate)
        {
            var any = _histogram.TotalCount > 0;
            double Ms(long micros) => micros / 1000.0;
            return new StepSummary(
                Name, Ok, Failed,
                Rate: RateCalculator.PerSecond(Ok + Failed, seconds),
                P50Ms: any ? Ms(_histogram.GetValueAtPercentile(50)) : 0,
                P75Ms: any ? Ms(_histogram.GetValueAtPercentile(75)) : 0,
                P95Ms: any ? Ms(_histogram.GetValueAtPercentile(95)) : 0,
                P99Ms: any ? Ms(_histogram.GetValueAtPercentile(99)) : 0,
                MaxMs: any ? Ms(_histogram.GetMaxValue()) : 0,
                MeanMs: any ? _histogram.GetMean() / 1000.0 : 0,
                Errors: _errors.OrderByDescending(e => e.Value).Take(5)
                    .Select(e => new ErrorCount(e.Key, e.Value)).ToList());
        }
    }
}

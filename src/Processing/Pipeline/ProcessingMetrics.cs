using System.Diagnostics.Metrics;

namespace Conflicto.Processing.Pipeline;

/// <summary>
/// Meter <c>Conflicto.Processing</c>: jobs finished by kind and status, attempt duration, queue
/// depth, offers dropped by a full queue, and busy workers (scraped at /metrics, or read with dotnet-counters).
/// </summary>
public sealed class ProcessingMetrics
{
    public const string MeterName = "Conflicto.Processing";

    // An attempt is a rule-based analysis (milliseconds) or a call to a language model (seconds).
    private static readonly double[] DurationBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];
    private readonly Counter<long> _finished;
    private readonly Histogram<double> _duration;
    private int _busy;

    public ProcessingMetrics(IMeterFactory meters, JobQueue queue)
    {
        var meter = meters.Create(MeterName);
        _finished = meter.CreateCounter<long>("conflicto.processing.jobs.finished", description: "Job attempts finished, by kind and status");
        _duration = meter.CreateHistogram("conflicto.processing.job.duration", unit: "s", description: "Duration of job attempts",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
        meter.CreateObservableGauge("conflicto.processing.queue.depth", () => queue.Depth, unit: "{job}", description: "Jobs waiting in this node's queue");
        meter.CreateObservableCounter("conflicto.processing.queue.dropped", () => queue.Dropped, unit: "{job}",
            description: "Offers that found this node's queue full (the jobs stay pending in the database; the sweeper offers them again)");
        meter.CreateObservableGauge("conflicto.processing.workers.busy", () => Volatile.Read(ref _busy), unit: "{worker}", description: "Workers running a job");
    }

    public int BusyWorkers => Volatile.Read(ref _busy);

    public IDisposable Busy()
    {
        Interlocked.Increment(ref _busy);
        return new Release(this);
    }

    public void Finished(string kind, string status, TimeSpan elapsed)
    {
        _finished.Add(1, new KeyValuePair<string, object?>("kind", kind), new KeyValuePair<string, object?>("status", status));
        _duration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("kind", kind));
    }

    private sealed class Release(ProcessingMetrics metrics) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0) Interlocked.Decrement(ref metrics._busy);
        }
    }
}

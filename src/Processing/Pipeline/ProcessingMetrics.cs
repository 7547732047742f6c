using System.Diagnostics.Metrics;

namespace Conflicto.Processing.Pipeline;

/// <summary>
/// Meter <c>Conflicto.Processing</c>: jobs finished by kind and status, attempt duration, queue
/// depth and busy workers (observable, e.g. with dotnet-counters).
/// </summary>
public sealed class ProcessingMetrics
{
    public const string MeterName = "Conflicto.Processing";
    private readonly Counter<long> _finished;
    private readonly Histogram<double> _duration;
    private int _busy;

    public ProcessingMetrics(IMeterFactory meters, JobQueue queue)
    {
        var meter = meters.Create(MeterName);
        _finished = meter.CreateCounter<long>("conflicto.processing.jobs.finished", description: "Job attempts finished, by kind and status");
        _duration = meter.CreateHistogram<double>("conflicto.processing.job.duration", unit: "ms", description: "Duration of job attempts");
        meter.CreateObservableGauge("conflicto.processing.queue.depth", () => queue.Depth, description: "Jobs waiting in this node's queue");
        meter.CreateObservableGauge("conflicto.processing.workers.busy", () => Volatile.Read(ref _busy), description: "Workers running a job");
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
        _duration.Record(elapsed.TotalMilliseconds, new KeyValuePair<string, object?>("kind", kind));
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

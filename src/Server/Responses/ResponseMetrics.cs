using System.Diagnostics.Metrics;
using Conflicto.Data.Infrastructure;

namespace Conflicto.Server.Responses;

/// <summary>
/// Meter <c>Conflicto.Responses</c>: the group commit of responses (<see cref="ResponseIngest"/>).
/// Submissions waiting, responses written by outcome, and the size and write time of each batch:
/// a queue that stays long while batches stay small or slow points at the database.
/// </summary>
public sealed class ResponseMetrics
{
    public const string MeterName = "Conflicto.Responses";

    private static readonly int[] SizeBuckets = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000];
    private static readonly double[] WriteBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
    private static readonly KeyValuePair<string, object?>[] Outcomes = Enum.GetValues<WriteStatus>()
        .Select(status => new KeyValuePair<string, object?>("outcome", Snake(status.ToString()))).ToArray();
    private static readonly KeyValuePair<string, object?> FailedOutcome = new("outcome", "failed");

    private readonly Counter<long> _ingested;
    private readonly Histogram<int> _batchSize;
    private readonly Histogram<double> _batchWrite;
    private Func<int>? _queued;

    public ResponseMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        meter.CreateObservableUpDownCounter("conflicto.responses.ingest.queued", () => _queued?.Invoke() ?? 0,
            unit: "{response}", description: "Submissions waiting to be written (the queue holds Ingest:Capacity; a full queue makes submitters wait)");
        _ingested = meter.CreateCounter<long>("conflicto.responses.ingested", unit: "{response}",
            description: "Submissions the ingest writers finished, by outcome (ok: stored or an idempotent repeat; failed: the batch's write threw)");
        _batchSize = meter.CreateHistogram("conflicto.responses.batch.size", unit: "{response}",
            description: "Responses written in one transaction (one session's share of what had queued up)",
            advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = SizeBuckets });
        _batchWrite = meter.CreateHistogram("conflicto.responses.batch.duration", unit: "s",
            description: "Time to write one batch (one transaction, acks completed after it)",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = WriteBuckets });
    }

    /// <summary>Lets the queue gauge read the ingest's channels (the ingest takes this class, so it cannot be injected here).</summary>
    internal void Observe(Func<int> queued) => _queued = queued;

    /// <summary>A batch written in <paramref name="elapsed"/>, with each submission's outcome.</summary>
    internal void Written<T>(IReadOnlyList<WriteResult<T>> results, TimeSpan elapsed)
    {
        _batchSize.Record(results.Count);
        _batchWrite.Record(elapsed.TotalSeconds);
        if (!_ingested.Enabled) return;
        foreach (var result in results) _ingested.Add(1, Outcomes[(int)result.Status]);
    }

    /// <summary>A batch of <paramref name="count"/> whose write threw: none was stored.</summary>
    internal void Failed(int count, TimeSpan elapsed)
    {
        _batchSize.Record(count);
        _batchWrite.Record(elapsed.TotalSeconds);
        _ingested.Add(count, FailedOutcome);
    }

    private static string Snake(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) ? (i > 0 ? "_" : "") + char.ToLowerInvariant(c) : c.ToString()));
}

using Conflicto.Data.Infrastructure;
using Conflicto.Server.Realtime;
using Conflicto.Server.Responses;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using System.Diagnostics.Metrics;

namespace Conflicto.Tests.Unit.Server.Metrics;

/// <summary>The backplane counters exist at 0 from the start; the ingest counts each submission's outcome and each batch.</summary>
public sealed class BackplaneAndResponseMetricsTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();

    private IMeterFactory Meters => _services.GetRequiredService<IMeterFactory>();

    [Fact]
    public void Backplane_ReportsEverySeriesAtZero_ThenWhatHappened()
    {
        var metrics = new BackplaneMetrics(Meters);
        using var messages = new MetricCollector<long>(Meters, BackplaneMetrics.MeterName, "conflicto.backplane.messages");
        using var runs = new MetricCollector<long>(Meters, BackplaneMetrics.MeterName, "conflicto.catchup.runs");
        using var caughtUp = new MetricCollector<long>(Meters, BackplaneMetrics.MeterName, "conflicto.catchup.events");

        messages.RecordObservableInstruments();
        Assert.Equal([0L, 0L], messages.GetMeasurementSnapshot().Select(m => m.Value));

        metrics.PublishedOne();
        metrics.PublishedOne();
        metrics.ReceivedOne();
        metrics.CaughtUp(gap: true, 3);
        metrics.CaughtUp(gap: false, 0);
        foreach (var collector in new[] { messages, runs, caughtUp }) collector.RecordObservableInstruments();

        Assert.Equal(2, Last(messages, "direction", "published"));
        Assert.Equal(1, Last(messages, "direction", "received"));
        Assert.Equal(1, Last(runs, "trigger", "gap"));
        Assert.Equal(1, Last(runs, "trigger", "behind"));
        Assert.Equal(3, caughtUp.LastMeasurement!.Value);
    }

    [Fact]
    public void Ingest_CountsOutcomesInSnakeCase_AndRecordsTheBatch()
    {
        var metrics = new ResponseMetrics(Meters);
        using var ingested = new MetricCollector<long>(Meters, ResponseMetrics.MeterName, "conflicto.responses.ingested");
        using var sizes = new MetricCollector<int>(Meters, ResponseMetrics.MeterName, "conflicto.responses.batch.size");
        using var queued = new MetricCollector<int>(Meters, ResponseMetrics.MeterName, "conflicto.responses.ingest.queued");
        metrics.Observe(() => 7);

        metrics.Written([WriteResult<int>.Ok(1, []), WriteResult<int>.Ok(2, []), WriteResult<int>.NotFound("gone")], TimeSpan.FromMilliseconds(4));
        metrics.Failed(2, TimeSpan.FromMilliseconds(9));
        queued.RecordObservableInstruments();

        var byOutcome = ingested.GetMeasurementSnapshot().GroupBy(m => (string)m.Tags["outcome"]!).ToDictionary(g => g.Key, g => g.Sum(m => m.Value));
        Assert.Equal(new Dictionary<string, long> { ["ok"] = 2, ["not_found"] = 1, ["failed"] = 2 }, byOutcome);
        Assert.Equal([3, 2], sizes.GetMeasurementSnapshot().Select(m => m.Value));
        Assert.Equal(7, queued.LastMeasurement!.Value);
    }

    private static long Last(MetricCollector<long> collector, string tag, string value) =>
        collector.GetMeasurementSnapshot().Last(m => (string?)m.Tags[tag] == value).Value;

    public void Dispose() => _services.Dispose();
}

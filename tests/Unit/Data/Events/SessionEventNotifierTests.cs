using System.Text.Json;
using Conflicto.Data.Events;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Time.Testing;
using System.Diagnostics.Metrics;

namespace Conflicto.Tests.Unit.Data.Events;

/// <summary>A commit's events are stamped with their commit time, counted by type, and handed to every observer stamped.</summary>
public sealed class SessionEventNotifierTests
{
    private sealed class Recorder : ISessionEventObserver
    {
        public List<SessionEvent> Seen { get; } = [];

        public void OnCommitted(IReadOnlyList<SessionEvent> events) => Seen.AddRange(events);
    }

    [Fact]
    public void Notify_StampsTheCommitTime_CountsByType_AndTellsEveryObserver()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meters = services.GetRequiredService<IMeterFactory>();
        using var appended = new MetricCollector<long>(meters, EventMetrics.MeterName, "conflicto.events.appended");
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 9, 30, 0, TimeSpan.Zero));
        var (first, second) = (new Recorder(), new Recorder());
        var notifier = new SessionEventNotifier([first, second], new EventMetrics(meters), time);
        var empty = JsonDocument.Parse("{}").RootElement;
        SessionEvent[] events =
        [
            new(3, 10, EventTypes.ResponseAdded, time.GetUtcNow().UtcDateTime.AddMilliseconds(-5), empty),
            new(3, 11, EventTypes.ResponseAdded, time.GetUtcNow().UtcDateTime.AddMilliseconds(-5), empty),
            new(3, 12, EventTypes.ActivityStateChanged, time.GetUtcNow().UtcDateTime.AddMilliseconds(-5), empty),
        ];

        var returned = notifier.Notify(events);

        Assert.All(returned, e => Assert.Equal(time.GetUtcNow().UtcDateTime, e.CommittedAt));
        Assert.Equal(returned, first.Seen);
        Assert.Equal(returned, second.Seen);
        Assert.Equal([10L, 11, 12], returned.Select(e => e.Seq));
        var byType = appended.GetMeasurementSnapshot().GroupBy(m => (string)m.Tags["type"]!).ToDictionary(g => g.Key, g => g.Sum(m => m.Value));
        Assert.Equal(2, byType[EventTypes.ResponseAdded]);
        Assert.Equal(1, byType[EventTypes.ActivityStateChanged]);
    }

    [Fact]
    public void Notify_WithNoEvents_CountsNothingAndTellsNobody()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meters = services.GetRequiredService<IMeterFactory>();
        using var appended = new MetricCollector<long>(meters, EventMetrics.MeterName, "conflicto.events.appended");
        var recorder = new Recorder();

        new SessionEventNotifier([recorder], new EventMetrics(meters), TimeProvider.System).Notify([]);

        Assert.Empty(recorder.Seen);
        Assert.Empty(appended.GetMeasurementSnapshot());
    }
}

using Conflicto.Data.Events;
using Conflicto.Server.Access;
using Conflicto.Server.Realtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using System.Diagnostics.Metrics;
using static Conflicto.Tests.Unit.Server.Realtime.StreamTesting;

namespace Conflicto.Tests.Unit.Server.Realtime;

/// <summary>
/// What a stream's drain adds to <see cref="RealtimeMetrics"/>: messages and envelopes by kind, and
/// each event's time from commit to hand-over (only events that carry their commit time); and the
/// connection and session gauges read from the streams. Collected from this test's own meter factory.
/// </summary>
public sealed class StreamDeliveryMetricsTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.Zero));
    private readonly LocalConnections _local = new();
    private readonly RealtimeMetrics _metrics;

    public StreamDeliveryMetricsTests() => _metrics = new RealtimeMetrics(Meters, _local);

    private IMeterFactory Meters => _services.GetRequiredService<IMeterFactory>();

    private MetricCollector<T> Collect<T>(string instrument) where T : struct => new(Meters, RealtimeMetrics.MeterName, instrument);

    [Fact]
    public async Task ADrain_CountsMessagesAndEnvelopesByKind_AndTimesOnlyEventsThatCarryTheirCommit()
    {
        using var messages = Collect<long>("conflicto.hub.messages.sent");
        using var delivered = Collect<long>("conflicto.events.delivered");
        using var duration = Collect<double>("conflicto.events.delivery.duration");
        var stream = new SessionStream(Session, NullLogger.Instance, _ => { }, _time, TimeSpan.Zero, _metrics);
        var host = stream.Subscribe(Audience.Host, 0);
        var viewer = stream.Subscribe(Audience.Viewer, 0);
        var oldClient = stream.Subscribe(Audience.Host, 0, StreamVersions.V1);

        var committedAt = _time.GetUtcNow().UtcDateTime.AddMilliseconds(-30);
        stream.Offer([Updated(1) with { CommittedAt = committedAt }, Updated(2)]); // 2: read back from the log, no commit time
        await EventuallyAsync(() => duration.GetMeasurementSnapshot().Count >= 1 && delivered.GetMeasurementSnapshot().Count >= 2, "the drain's measurements");

        Assert.Equal(2, Sum(messages, "Events")); // one Events message each for host and viewer
        Assert.Equal(4, Sum(delivered, "Events")); // carrying two envelopes each
        Assert.Equal(2, Sum(messages, "Event")); // the v1 client: one Event per event
        Assert.Equal(2, Sum(delivered, "Event"));
        var timed = Assert.Single(duration.GetMeasurementSnapshot());
        Assert.Equal(0.030, timed.Value, precision: 6);
        Assert.Equal([1L, 2], host.Seqs);
        Assert.Equal([1L, 2], viewer.Seqs);
        Assert.Equal(2, oldClient.Seqs.Count);
    }

    [Fact]
    public async Task ABroadcast_CountsOneMessagePerConnectionItReached_ByItsKind()
    {
        using var messages = Collect<long>("conflicto.hub.messages.sent");
        var stream = new SessionStream(Session, NullLogger.Instance, _ => { }, _time, TimeSpan.Zero, _metrics);
        stream.Subscribe(Audience.Host, 0);
        stream.Subscribe(Audience.Viewer, 0);
        stream.Subscribe(new Audience(Roles.Participant, 1), 0);

        stream.Broadcast(new Microsoft.AspNetCore.SignalR.SerializedHubMessage(
            new Microsoft.AspNetCore.SignalR.Protocol.InvocationMessage(nameof(ISessionClient.Results), [new { }])), a => a.Role != Roles.Participant);
        await EventuallyAsync(() => messages.GetMeasurementSnapshot().Count >= 1, "the broadcast's count");

        Assert.Equal(2, Sum(messages, nameof(ISessionClient.Results)));
    }

    [Fact]
    public void Gauges_ReadTheConnectionsByTheRoleTheyJoinedAs_AndTheLiveSessions()
    {
        using var connections = Collect<long>("conflicto.hub.connections");
        using var live = Collect<int>("conflicto.sessions.live");
        var streams = new SessionStreams(NullLoggerFactory.Instance, _time, Options.Create(new RealtimeOptions()), _metrics);
        var joined = new RecordingConnection("joined");
        var idle = new RecordingConnection("idle");
        _local.Add(joined);
        _local.Add(idle);
        var stream = streams.BeginJoin(Session);
        stream.CompleteJoin(new Subscriber(joined, new Audience(Roles.Participant, 4), 0), 0);

        connections.RecordObservableInstruments();
        live.RecordObservableInstruments();

        var counts = connections.GetMeasurementSnapshot()
            .Where(m => m.Value > 0)
            .ToDictionary(m => ((string)m.Tags["transport"]!, (string)m.Tags["role"]!), m => m.Value);
        Assert.Equal(new Dictionary<(string, string), long> { [("unknown", Roles.Participant)] = 1, [("unknown", "none")] = 1 }, counts);
        Assert.Equal(1, live.LastMeasurement!.Value);

        streams.Leave(Session, "joined");
        _local.Remove(joined);
        live.RecordObservableInstruments();
        Assert.Equal(0, live.LastMeasurement!.Value);
    }

    private static long Sum(MetricCollector<long> collector, string kind) =>
        collector.GetMeasurementSnapshot().Where(m => (string?)m.Tags["kind"] == kind).Sum(m => m.Value);

    public void Dispose() => _services.Dispose();
}

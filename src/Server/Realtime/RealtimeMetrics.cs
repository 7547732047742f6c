using System.Diagnostics.Metrics;

namespace Conflicto.Server.Realtime;

/// <summary>
/// Meter <c>Conflicto.Realtime</c>: this node's hub connections (by transport and role) and live
/// sessions, what its streams write to connections, how long an event takes from its commit to
/// being handed to the connections, and the coalescers' ticks. The gauges are read when scraped
/// (nothing is kept up to date on the connection path); the counters are added once per drain or
/// broadcast, with tags cached here, so the delivery path pays no allocation for them.
/// </summary>
public sealed class RealtimeMetrics
{
    public const string MeterName = "Conflicto.Realtime";

    /// <summary>Tag values of <c>coalescer</c>.</summary>
    public const string Results = "results", Presence = "presence";

    private static readonly KeyValuePair<string, object?> EventKind = new("kind", nameof(ISessionClient.Event));
    private static readonly KeyValuePair<string, object?> EventsKind = new("kind", nameof(ISessionClient.Events));
    private static readonly KeyValuePair<string, object?> ResultsCoalescer = new("coalescer", Results);
    private static readonly KeyValuePair<string, object?> PresenceCoalescer = new("coalescer", Presence);

    // Commit to hand-over: sub-millisecond on one node, tens of ms through Redis or a batch pause.
    private static readonly double[] DeliveryBuckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly Counter<long> _messages;
    private readonly Counter<long> _delivered;
    private readonly Histogram<double> _deliveryTime;
    private readonly Counter<long> _ticks;
    private readonly Counter<long> _updates;
    private SessionStreams? _streams;

    public RealtimeMetrics(IMeterFactory meters, LocalConnections connections)
    {
        var meter = meters.Create(MeterName);
        meter.CreateObservableUpDownCounter("conflicto.hub.connections", () => ConnectionCounts.Measure(connections.Transports(), ConnectionCounts.RolesOfJoined(_streams)),
            unit: "{connection}", description: "Hub connections on this node, by transport and by the role they joined a session as (none: not joined)");
        meter.CreateObservableUpDownCounter("conflicto.sessions.live", () => _streams?.Active.Count ?? 0,
            unit: "{session}", description: "Sessions with a live stream on this node (at least one local connection follows them)");
        _messages = meter.CreateCounter<long>("conflicto.hub.messages.sent", unit: "{message}",
            description: "Messages written to hub connections by the session streams, by kind (Event, Events, Results, Presence)");
        _delivered = meter.CreateCounter<long>("conflicto.events.delivered", unit: "{event}",
            description: "Event envelopes written to hub connections (one per event per connection), by message kind (Event: stream v1, Events: v2)");
        _deliveryTime = meter.CreateHistogram("conflicto.events.delivery.duration", unit: "s",
            description: "From an event's commit to this node handing it to its connections (events read back from the log are not measured)",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DeliveryBuckets });
        _ticks = meter.CreateCounter<long>("conflicto.coalescer.ticks", unit: "{tick}",
            description: "Ticks run by the results and presence coalescers");
        _updates = meter.CreateCounter<long>("conflicto.coalescer.updates", unit: "{update}",
            description: "Updates the coalescers pushed (one Results per changed activity, one Presence per changed session, per tick)");
    }

    /// <summary>Lets the gauges read the streams (which take this class, so they cannot be injected here).</summary>
    internal void Observe(SessionStreams streams) => _streams = streams;

    /// <summary>One drain's writes: <paramref name="v1Messages"/> Event messages, <paramref name="v2Messages"/> Events messages carrying <paramref name="v2Envelopes"/> envelopes.</summary>
    internal void Drained(int v1Messages, int v2Messages, int v2Envelopes)
    {
        if (v1Messages > 0)
        {
            _messages.Add(v1Messages, EventKind);
            _delivered.Add(v1Messages, EventKind);
        }
        if (v2Messages > 0)
        {
            _messages.Add(v2Messages, EventsKind);
            _delivered.Add(v2Envelopes, EventsKind);
        }
    }

    /// <summary>An event handed to the connections <paramref name="elapsed"/> after its commit.</summary>
    internal void Delivered(TimeSpan elapsed) => _deliveryTime.Record(Math.Max(0, elapsed.TotalSeconds));

    internal bool MeasuresDelivery => _deliveryTime.Enabled;

    /// <summary>A broadcast (Results, Presence) written to <paramref name="count"/> connections; <paramref name="kind"/> is the client method.</summary>
    internal void Broadcast(string kind, int count)
    {
        if (count > 0) _messages.Add(count, new KeyValuePair<string, object?>("kind", kind));
    }

    internal void Tick(string coalescer) => _ticks.Add(1, coalescer == Results ? ResultsCoalescer : PresenceCoalescer);

    internal void Pushed(string coalescer, int updates)
    {
        if (updates > 0) _updates.Add(updates, coalescer == Results ? ResultsCoalescer : PresenceCoalescer);
    }
}

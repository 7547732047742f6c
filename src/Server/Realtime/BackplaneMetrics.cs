using System.Diagnostics.Metrics;

namespace Conflicto.Server.Realtime;

/// <summary>
/// Meter <c>Conflicto.Backplane</c>: how events travel between nodes. The Redis event bus is the
/// fast path (<c>conflicto.backplane.messages</c>, one message per commit); the database catch-up
/// is the safety net that finds whatever the bus did not bring (<c>conflicto.catchup.*</c>).
/// These are observable counters over plain fields: every series is in the scrape from the start,
/// at 0, so an alert on catch-ups or dropped messages sees 0 rather than nothing. On a node
/// without Redis the bus series stay 0.
/// </summary>
public sealed class BackplaneMetrics
{
    public const string MeterName = "Conflicto.Backplane";

    private long _published, _received, _notConnected, _unreadable, _gapRuns, _behindRuns, _caughtUp;

    public BackplaneMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        meter.CreateObservableCounter("conflicto.backplane.messages", () => new[]
        {
            Measure(ref _published, "direction", "published"),
            Measure(ref _received, "direction", "received"),
        }, unit: "{message}", description: "Event-bus messages (one per commit) this node published to Redis, or received from other nodes");
        meter.CreateObservableCounter("conflicto.backplane.messages.dropped", () => new[]
        {
            Measure(ref _notConnected, "reason", "not_connected"),
            Measure(ref _unreadable, "reason", "unreadable"),
        }, unit: "{message}", description: "Event-bus messages not published (Redis not connected) or not readable; the catch-up finds their events in the log");
        meter.CreateObservableCounter("conflicto.catchup.runs", () => new[]
        {
            Measure(ref _gapRuns, "trigger", "gap"),
            Measure(ref _behindRuns, "trigger", "behind"),
        }, unit: "{run}", description: "Reads of missed events from the log: for a gap in a stream, or for a stream behind the session's last seq");
        meter.CreateObservableCounter("conflicto.catchup.events", () => Volatile.Read(ref _caughtUp),
            unit: "{event}", description: "Events the catch-up read from the log and offered to this node's streams");
    }

    internal void PublishedOne() => Interlocked.Increment(ref _published);

    internal void ReceivedOne() => Interlocked.Increment(ref _received);

    internal void NotPublished() => Interlocked.Increment(ref _notConnected);

    internal void UnreadableOne() => Interlocked.Increment(ref _unreadable);

    /// <summary>A catch-up read <paramref name="events"/> events, for a gap (<paramref name="gap"/>) or for a stream behind the database.</summary>
    internal void CaughtUp(bool gap, int events)
    {
        Interlocked.Increment(ref gap ? ref _gapRuns : ref _behindRuns);
        Interlocked.Add(ref _caughtUp, events);
    }

    private static Measurement<long> Measure(ref long field, string tag, string value) =>
        new(Volatile.Read(ref field), new KeyValuePair<string, object?>(tag, value));
}

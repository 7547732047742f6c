using System.Diagnostics.Metrics;

namespace Conflicto.Data.Events;

/// <summary>Meter <c>Conflicto.Events</c>: events this node appended to session logs, by type.</summary>
public sealed class EventMetrics
{
    public const string MeterName = "Conflicto.Events";
    private readonly Counter<long> _appended;

    public EventMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _appended = meter.CreateCounter<long>("conflicto.events.appended", unit: "{event}",
            description: "Events appended to session logs by commits on this node, by event type");
    }

    public void Appended(IReadOnlyList<SessionEvent> events)
    {
        if (!_appended.Enabled) return;
        foreach (var e in events) _appended.Add(1, new KeyValuePair<string, object?>("type", e.Type));
    }
}

namespace Conflicto.Data.Events;

/// <summary>
/// Told about events right after the transaction that wrote them committed. The realtime layer
/// implements it to push events; Data itself knows nothing of who listens.
/// </summary>
public interface ISessionEventObserver
{
    void OnCommitted(IReadOnlyList<SessionEvent> events);
}

/// <summary>
/// Fans committed events out to every registered observer. Only this node's commits pass here (the
/// event bus hands other nodes' events to the observers directly), so this is where appended events
/// are counted.
/// </summary>
public sealed class SessionEventNotifier(IEnumerable<ISessionEventObserver> observers, EventMetrics metrics, TimeProvider time)
{
    private readonly ISessionEventObserver[] _observers = observers.ToArray();

    /// <summary>Stamps the events with their commit time, counts them and tells every observer; returns the stamped events.</summary>
    public IReadOnlyList<SessionEvent> Notify(IReadOnlyList<SessionEvent> events)
    {
        if (events.Count == 0) return events;
        var committedAt = time.GetUtcNow().UtcDateTime;
        var stamped = new SessionEvent[events.Count];
        for (var i = 0; i < stamped.Length; i++) stamped[i] = events[i] with { CommittedAt = committedAt };
        metrics.Appended(stamped);
        foreach (var observer in _observers) observer.OnCommitted(stamped);
        return stamped;
    }
}

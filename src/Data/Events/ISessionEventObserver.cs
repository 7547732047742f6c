namespace Conflicto.Data.Events;

/// <summary>
/// Told about events right after the transaction that wrote them committed. The realtime layer
/// implements it to push events; Data itself knows nothing of who listens.
/// </summary>
public interface ISessionEventObserver
{
    void OnCommitted(IReadOnlyList<SessionEvent> events);
}

/// <summary>Fans committed events out to every registered observer.</summary>
public sealed class SessionEventNotifier(IEnumerable<ISessionEventObserver> observers)
{
    private readonly ISessionEventObserver[] _observers = observers.ToArray();

    public void Notify(IReadOnlyList<SessionEvent> events)
    {
        if (events.Count == 0) return;
        foreach (var observer in _observers) observer.OnCommitted(events);
    }
}

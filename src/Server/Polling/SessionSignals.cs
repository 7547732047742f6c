using System.Collections.Concurrent;
using Conflicto.Data.Events;

namespace Conflicto.Server.Polling;

/// <summary>
/// The newest seq this node knows of per session, and a way to wait for a newer one: long-polls
/// wake the moment an event is committed here or announced by another node.
/// </summary>
public sealed class SessionSignals(TimeProvider clock) : ISessionEventObserver
{
    private readonly ConcurrentDictionary<int, Signal> _signals = new();

    public void OnCommitted(IReadOnlyList<SessionEvent> events)
    {
        foreach (var group in events.GroupBy(e => e.SessionId)) Raise(group.Key, group.Max(e => e.Seq));
    }

    public void Raise(int sessionId, long seq)
    {
        var signal = _signals.GetOrAdd(sessionId, _ => new Signal());
        lock (signal)
        {
            if (seq <= signal.LastSeq) return;
            signal.LastSeq = seq;
            var fired = signal.Changed;
            signal.Changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            fired.TrySetResult();
        }
    }

    /// <summary>Completes when a seq above <paramref name="afterSeq"/> is known, or after <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitAsync(int sessionId, long afterSeq, TimeSpan timeout, CancellationToken ct)
    {
        var signal = _signals.GetOrAdd(sessionId, _ => new Signal());
        Task changed;
        lock (signal)
        {
            if (signal.LastSeq > afterSeq) return true;
            changed = signal.Changed.Task;
        }
        var finished = await Task.WhenAny(changed, Task.Delay(timeout, clock, ct));
        return finished == changed;
    }

    private sealed class Signal
    {
        public long LastSeq;
        public TaskCompletionSource Changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}

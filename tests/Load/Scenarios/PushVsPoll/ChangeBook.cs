using System.Collections.Concurrent;

namespace Conflicto.Load.Scenarios.PushVsPoll;

/// <summary>One change of a phase: the host made activity <see cref="ActivityId"/> the current one (event <see cref="Seq"/>).</summary>
public sealed record Change(int Index, Guid ActivityId, long Seq, long Start, bool Measured)
{
    public ChangeMark Mark => new(Index, Start);
}

/// <summary>
/// The changes of one phase. The host announces which activity change k brings before making it,
/// so a poller that finds an activity id in the session status knows which change it is seeing.
/// </summary>
public sealed class ChangeBook
{
    private readonly ConcurrentDictionary<Guid, int> _indexOf = new();
    private readonly List<Change> _made = [];

    public void Announce(Guid activityId, int index) => _indexOf[activityId] = index;

    /// <summary>The change that made this activity current, or null for one of another phase.</summary>
    public int? IndexOf(Guid activityId) => _indexOf.TryGetValue(activityId, out var index) ? index : null;

    public void Made(Change change)
    {
        lock (_made) _made.Add(change);
    }

    public IReadOnlyList<Change> All
    {
        get { lock (_made) return _made.OrderBy(c => c.Index).ToList(); }
    }

    public IReadOnlyList<Change> Measured => All.Where(c => c.Measured).ToList();
}

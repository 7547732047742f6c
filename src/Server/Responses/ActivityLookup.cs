using System.Collections.Concurrent;
using System.Text.Json;
using Conflicto.Data.Activities;
using Conflicto.Data.Events;
using Microsoft.Extensions.Options;

namespace Conflicto.Server.Responses;

/// <summary>
/// Activities as submissions see them: read from the database once, then served from memory for
/// <see cref="IngestOptions.ActivityCacheMs"/>, so a class answering at once costs one activity
/// read, not one per answer. A copy is dropped as soon as an event about its activity commits
/// (on this node, or on another one through the event bus). A copy that is stale anyway does no
/// harm: the batch writer compares the activity's <c>updated_at</c> under the session lock and
/// hands the response back to be checked again (<see cref="Data.Infrastructure.WriteStatus.Stale"/>).
/// </summary>
public sealed class ActivityLookup(IServiceProvider services, IOptions<IngestOptions> options, TimeProvider clock) : ISessionEventObserver
{
    private const int MaxEntries = 10_000;
    private readonly ConcurrentDictionary<Guid, Entry> _entries = new();

    // Resolved on first use: the store needs the event notifier, which needs its observers, this one included.
    private ActivityStore Store => field ??= services.GetRequiredService<ActivityStore>();

    public async Task<ActivityRow?> GetAsync(Guid id, CancellationToken ct)
    {
        var now = clock.GetTimestamp();
        if (_entries.TryGetValue(id, out var entry) && clock.GetElapsedTime(entry.ReadAt, now) < TimeSpan.FromMilliseconds(options.Value.ActivityCacheMs)) return entry.Row;
        var row = await Store.GetAsync(id, ct);
        if (row is null || options.Value.ActivityCacheMs == 0) return row;
        if (_entries.Count >= MaxEntries) _entries.Clear(); // a crude bound: this is a short-lived cache, not a store
        _entries[id] = new Entry(row, now);
        return row;
    }

    /// <summary>Forgets an activity, so the next lookup reads it again.</summary>
    public void Forget(Guid id) => _entries.TryRemove(id, out _);

    public void OnCommitted(IReadOnlyList<SessionEvent> events)
    {
        foreach (var e in events)
        {
            if (EventFields.IsActivityEvent(e.Type) && EventFields.ActivityOf(e) is { } activityId) Forget(activityId);
        }
    }

    private sealed record Entry(ActivityRow Row, long ReadAt);
}

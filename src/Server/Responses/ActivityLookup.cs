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
/// Lookups that miss at the same moment share one read: opening a poll drops its copy, and the
/// whole class answers within milliseconds (measured before: 50 parallel reads of the same row,
/// p99 278 ms of waiting for pool connections).
/// </summary>
public sealed class ActivityLookup(IServiceProvider services, IOptions<IngestOptions> options, TimeProvider clock) : ISessionEventObserver
{
    private const int MaxEntries = 10_000;
    private readonly ConcurrentDictionary<Guid, Entry> _entries = new();
    private readonly ConcurrentDictionary<Guid, Lazy<Task<ActivityRow?>>> _reads = new();

    // Resolved on first use: the store needs the event notifier, which needs its observers, this one included.
    private ActivityStore Store => field ??= services.GetRequiredService<ActivityStore>();

    public Task<ActivityRow?> GetAsync(Guid id, CancellationToken ct)
    {
        if (_entries.TryGetValue(id, out var entry) && clock.GetElapsedTime(entry.ReadAt) < TimeSpan.FromMilliseconds(options.Value.ActivityCacheMs))
            return Task.FromResult<ActivityRow?>(entry.Row);
        Lazy<Task<ActivityRow?>> read = null!;
        read = new Lazy<Task<ActivityRow?>>(() => ReadAsync(id, read));
        // The shared read is not cancelled by one caller going away; each caller stops waiting on its own token.
        return _reads.GetOrAdd(id, read).Value.WaitAsync(ct);
    }

    private async Task<ActivityRow?> ReadAsync(Guid id, Lazy<Task<ActivityRow?>> self)
    {
        try
        {
            var started = clock.GetTimestamp();
            var row = await Store.GetAsync(id, CancellationToken.None);
            if (row is null || options.Value.ActivityCacheMs == 0) return row;
            if (_entries.Count >= MaxEntries) _entries.Clear(); // a crude bound: this is a short-lived cache, not a store
            // Counted from before the read: a copy never outlives the window it was read in.
            _entries[id] = new Entry(row, started);
            return row;
        }
        finally
        {
            _reads.TryRemove(KeyValuePair.Create(id, self)); // only this read: a Forget may have made way for a newer one
        }
    }

    /// <summary>Forgets an activity, so the next lookup reads it again (not joining a read that began before).</summary>
    public void Forget(Guid id)
    {
        _entries.TryRemove(id, out _);
        _reads.TryRemove(id, out _);
    }

    public void OnCommitted(IReadOnlyList<SessionEvent> events)
    {
        foreach (var e in events)
        {
            if (EventFields.IsActivityEvent(e.Type) && EventFields.ActivityOf(e) is { } activityId) Forget(activityId);
        }
    }

    private sealed record Entry(ActivityRow Row, long ReadAt);
}

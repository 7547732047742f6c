using System.Collections.Concurrent;
using Conflicto.Data.Events;

namespace Conflicto.Server.Realtime.Coalescing;

/// <summary>
/// The latest results of each activity as this node knows them, for JoinSession snapshots: the
/// <see cref="ResultsCoalescer"/> records every <c>Results</c> document here before it pushes it,
/// and a join that finds none reads the activity once (concurrent joins share that read), so
/// 10,000 phones reconnecting cost no response reads once the results are known here.
/// An entry holds only while the session stream it was made under is still this node's stream:
/// a stream that was dropped and made again missed events in between, so its entries are stale.
/// </summary>
public sealed class ResultsBook(SessionStreams streams, SnapshotStore snapshots)
{
    private readonly ConcurrentDictionary<Guid, Entry> _entries = new();
    private readonly ConcurrentDictionary<Guid, Lazy<Task<ResultsUpdate?>>> _loads = new();
    // The seq of the last event that made an activity's entry stale: a join's read still in flight
    // from before it must not put the stale results back.
    private readonly ConcurrentDictionary<Guid, long> _floors = new();

    /// <summary>
    /// Records a results document made while following <paramref name="stream"/>. A document older
    /// than the one held (a join's read that lost the race to the coalescer) changes nothing.
    /// </summary>
    internal void Record(SessionStream stream, ResultsUpdate update)
    {
        if (!IsCurrent(stream) || update.AsOfSeq < _floors.GetValueOrDefault(update.ActivityId)) return;
        _entries.AddOrUpdate(update.ActivityId, new Entry(stream, update),
            (_, held) => !IsCurrent(held.Stream) || update.AsOfSeq >= held.Update.AsOfSeq ? new Entry(stream, update) : held);
    }

    /// <summary>Drops an activity's entry because of the event <paramref name="seq"/> (results older than it are not taken back).</summary>
    internal void Forget(Guid activityId, long seq)
    {
        _floors.AddOrUpdate(activityId, seq, (_, floor) => Math.Max(floor, seq));
        _entries.TryRemove(activityId, out _);
    }

    internal void Clear() => _entries.Clear();

    /// <summary>Drops entries whose stream is gone (memory follows the sessions followed here).</summary>
    internal void Sweep()
    {
        foreach (var (id, entry) in _entries)
            if (!IsCurrent(entry.Stream)) _entries.TryRemove(new KeyValuePair<Guid, Entry>(id, entry));
        _floors.Clear(); // they only guard reads in flight, which take milliseconds, not a sweep interval
    }

    /// <summary>
    /// The current results of <paramref name="activityIds"/> for a client that has just joined
    /// <paramref name="stream"/>. Call it after the client is subscribed: a push the coalescer
    /// makes after this read reaches the client, and one made before it is already recorded here.
    /// </summary>
    public async Task<IReadOnlyList<ResultsUpdate>> CurrentAsync(SessionStream stream, IEnumerable<Guid> activityIds, CancellationToken ct)
    {
        var found = new List<ResultsUpdate>();
        foreach (var id in activityIds)
        {
            if (_entries.TryGetValue(id, out var held) && ReferenceEquals(held.Stream, stream) && IsCurrent(stream))
            {
                found.Add(held.Update);
                continue;
            }
            // One read per activity however many join at once; the read outlives a caller that gives up.
            var load = _loads.GetOrAdd(id, key =>
            {
                Lazy<Task<ResultsUpdate?>>? self = null;
                self = new Lazy<Task<ResultsUpdate?>>(() => LoadAsync(stream, key, self!));
                return self;
            });
            if (await load.Value.WaitAsync(ct) is { } loaded) found.Add(loaded);
        }
        return found;
    }

    private async Task<ResultsUpdate?> LoadAsync(SessionStream stream, Guid activityId, Lazy<Task<ResultsUpdate?>> self)
    {
        try
        {
            if (await snapshots.ReadResultsBaseAsync(activityId, CancellationToken.None) is not { } seed) return null;
            var update = new ActivityResultsState(seed.Activity, seed.Responses, seed.AsOfSeq).ToUpdate();
            Record(stream, update);
            return update;
        }
        finally
        {
            // Done (or failed): later joins use the recorded entry, or read afresh.
            _loads.TryRemove(new KeyValuePair<Guid, Lazy<Task<ResultsUpdate?>>>(activityId, self));
        }
    }

    private bool IsCurrent(SessionStream stream) => ReferenceEquals(streams.Find(stream.SessionId), stream);

    private sealed record Entry(SessionStream Stream, ResultsUpdate Update);
}

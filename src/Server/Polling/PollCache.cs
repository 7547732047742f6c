using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using Conflicto.Data.Events;
using Microsoft.Extensions.Options;

namespace Conflicto.Server.Polling;

/// <summary>A cached polling answer, the session it belongs to, and its entity tag.</summary>
public sealed record PollEntry(object Value, int SessionId, string ETag);

/// <summary>
/// In-memory answers for the polling endpoints, so N pollers of a session cost about one query
/// per change rather than N. An entry is dropped when an event of its session is seen (committed
/// here or announced by another node) and in any case after <c>Realtime:PollCacheMaxAgeMs</c>,
/// which bounds staleness should an announcement be lost. Concurrent misses share one load.
/// Keys are <c>kind:subject</c>, the subject being the session or activity id of the route.
/// </summary>
public sealed class PollCache(IOptions<Realtime.RealtimeOptions> options, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, TimeProvider clock)
    : ISessionEventObserver
{
    private readonly ConcurrentDictionary<string, Slot> _slots = new();
    private readonly ConcurrentDictionary<string, int> _sessionOfKey = new();
    private readonly ConcurrentDictionary<int, long> _versions = new();
    private readonly ConcurrentDictionary<string, int> _sessionOfSubject = new();
    private long _loads;
    private long _calls;

    /// <summary>How many answers were loaded from the database (for tests and metrics).</summary>
    public long Loads => Interlocked.Read(ref _loads);

    public void OnCommitted(IReadOnlyList<SessionEvent> events)
    {
        foreach (var sessionId in events.Select(e => e.SessionId).Distinct()) Invalidate(sessionId);
    }

    public void Invalidate(int sessionId) => _versions.AddOrUpdate(sessionId, 1, (_, v) => v + 1);

    /// <summary>
    /// The session of a polled session or activity id (the part of a key after its first ':'),
    /// known once an answer about it was loaded, so only for things that exist: the rate limiter
    /// gives per-session buckets only to these, and ids nobody created cannot make new ones.
    /// </summary>
    public bool TryGetSessionOf(string subject, out int sessionId) => _sessionOfSubject.TryGetValue(subject, out sessionId);

    /// <summary>
    /// The answer for <paramref name="key"/>, from memory when fresh. The loader returns the value
    /// and its session, or null when the thing does not exist (not cached).
    /// </summary>
    public async Task<PollEntry?> GetAsync(string key, Func<CancellationToken, Task<(object Value, int SessionId)?>> load, CancellationToken ct)
    {
        // The session of a key never changes; until the first load we cannot know which version
        // to watch, so that load is not cached.
        if (!_sessionOfKey.TryGetValue(key, out var sessionId))
        {
            var first = await LoadAsync(load, ct);
            if (first is not null)
            {
                _sessionOfKey[key] = first.SessionId;
                _sessionOfSubject[Subject(key)] = first.SessionId;
            }
            return first;
        }

        var now = clock.GetTimestamp();
        if (Interlocked.Increment(ref _calls) % 1024 == 0) Evict(now);
        if (_slots.TryGetValue(key, out var cached) && IsFresh(cached, sessionId, now))
        {
            var hit = await cached.Entry.Value.WaitAsync(ct);
            if (hit is not null) return hit;
        }
        var version = _versions.GetValueOrDefault(sessionId); // read before loading: a change during the load makes it stale
        var fresh = new Slot(new Lazy<Task<PollEntry?>>(() => LoadAsync(load, CancellationToken.None)), now, version);
        var slot = _slots.AddOrUpdate(key, fresh, (_, existing) => IsFresh(existing, sessionId, now) ? existing : fresh);
        var entry = await slot.Entry.Value.WaitAsync(ct);
        if (entry is null) _slots.TryRemove(new KeyValuePair<string, Slot>(key, slot));
        return entry;
    }

    /// <summary>Forgets answers nobody asked for in a while, so memory follows the sessions being polled, not all that ever were.</summary>
    private void Evict(long now)
    {
        var idle = TimeSpan.FromMilliseconds(Math.Max(60_000, options.Value.PollCacheMaxAgeMs * 10L));
        foreach (var (key, slot) in _slots)
        {
            if (clock.GetElapsedTime(slot.LoadedAt, now) <= idle) continue;
            _slots.TryRemove(new KeyValuePair<string, Slot>(key, slot));
            _sessionOfKey.TryRemove(key, out _);
            _sessionOfSubject.TryRemove(Subject(key), out _);
        }
    }

    private static string Subject(string key) => key[(key.IndexOf(':') + 1)..];

    private bool IsFresh(Slot slot, int sessionId, long now) =>
        clock.GetElapsedTime(slot.LoadedAt, now) <= TimeSpan.FromMilliseconds(options.Value.PollCacheMaxAgeMs)
        && slot.Version == _versions.GetValueOrDefault(sessionId)
        && !(slot.Entry.IsValueCreated && (slot.Entry.Value.IsFaulted || slot.Entry.Value.IsCanceled));

    private async Task<PollEntry?> LoadAsync(Func<CancellationToken, Task<(object Value, int SessionId)?>> load, CancellationToken ct)
    {
        Interlocked.Increment(ref _loads);
        if (await load(ct) is not { } loaded) return null;
        var bytes = JsonSerializer.SerializeToUtf8Bytes(loaded.Value, loaded.Value.GetType(), json.Value.SerializerOptions);
        var tag = $"W/\"{Convert.ToHexString(SHA256.HashData(bytes), 0, 12).ToLowerInvariant()}\"";
        return new PollEntry(loaded.Value, loaded.SessionId, tag);
    }

    /// <summary>An answer being loaded or loaded; <c>LoadedAt</c> is a <see cref="TimeProvider"/> timestamp.</summary>
    private sealed record Slot(Lazy<Task<PollEntry?>> Entry, long LoadedAt, long Version);
}

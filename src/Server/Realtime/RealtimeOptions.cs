using System.ComponentModel.DataAnnotations;

namespace Conflicto.Server.Realtime;

/// <summary>Section <c>Realtime</c>.</summary>
public sealed class RealtimeOptions
{
    /// <summary>Coalesced results and presence go out at most this often per activity / session.</summary>
    [Range(10, 10_000)]
    public int CoalesceMs { get; set; } = 100;

    /// <summary>How many missed events a reconnecting client may replay; beyond it gets a fresh snapshot (recovered: false).</summary>
    [Range(1, 1_000_000)]
    public int MaxReplayEvents { get; set; } = 10_000;

    /// <summary>How long a node waits for a missing seq (in flight from another node) before reading it from the database.</summary>
    [Range(10, 10_000)]
    public int GapFillDelayMs { get; set; } = 200;

    /// <summary>How often a node compares its streams with the database, catching events it never heard of (e.g. while Redis was down).</summary>
    [Range(100, 60_000)]
    public int CatchUpIntervalMs { get; set; } = 2_000;

    /// <summary>Longest a polling answer is served from memory without an event saying it changed.</summary>
    [Range(0, 60_000)]
    public int PollCacheMaxAgeMs { get; set; } = 1_000;

    /// <summary>Largest hub message accepted, in bytes (responses are further limited by Limits:MaxResponseDataBytes).</summary>
    [Range(1024, 16 * 1024 * 1024)]
    public int MaxHubMessageBytes { get; set; } = 128 * 1024;

    /// <summary>Most JoinSession snapshots read from the database at once; more joiners wait their turn.</summary>
    [Range(1, 1000)]
    public int MaxConcurrentSnapshots { get; set; } = 8;

    /// <summary>
    /// How long a revoked connection (its participant left or was removed) stays open after being
    /// told so: long enough for the <c>Revoked</c> message, and the 401 answers to calls already
    /// on their way, to reach the client before the close.
    /// </summary>
    [Range(0, 60_000)]
    public int RevokedCloseDelayMs { get; set; } = 1_000;
}

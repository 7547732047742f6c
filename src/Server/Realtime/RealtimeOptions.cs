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

    /// <summary>
    /// Protocol v2: after a session's stream sends out what was released, it waits this long before
    /// sending again, so events that arrive meanwhile go out together as one <c>Events</c> message
    /// per connection. An event that finds the stream idle goes at once. 0 sends every release at once.
    /// </summary>
    [Range(0, 600_000)]
    public int BatchMs { get; set; } = 25;

    /// <summary>
    /// The stream version of a <c>JoinSession</c> that does not say (<see cref="StreamVersions"/>): 1
    /// keeps integrations written before v2 working; operators whose clients all speak v2 set 2.
    /// </summary>
    [Range(StreamVersions.V1, StreamVersions.V2)]
    public int DefaultStreamVersion { get; set; } = StreamVersions.V1;

    /// <summary>
    /// Most messages that may wait to be written to one hub connection. A client that stops reading
    /// its socket (a frozen tab, a stuck proxy) fills its buffers, then messages queue on it; past
    /// this many it is disconnected (one Warning names it) so that it cannot hold memory, and it
    /// resumes from its last seq when it connects again. Other clients never wait for it.
    /// </summary>
    [Range(10, 100_000)]
    public int MaxQueuedMessages { get; set; } = 500;
}

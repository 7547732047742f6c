using Conflicto.Server.Realtime;
using Conflicto.Server.Sessions;

namespace Conflicto.Server.Recording;

/// <summary>
/// What <c>GET /api/v1/sessions/{id}/recording</c> returns. <see cref="RecordingWriter"/> writes it
/// as it reads the log, in this order; these records describe it for the API document.
/// <c>started_at</c> is the session's first event, <c>ended_at</c> its last; <c>event_count</c> is
/// the whole log's (the recording covers the log as it was when it was asked for).
/// <c>last_seq</c> is the cursor for the next page (<c>after_seq</c>); <c>results</c>, the final
/// results of every activity, comes with the page that reaches the end.
/// </summary>
public sealed record RecordingDocument(
    SessionResponse Session, DateTime? StartedAt, DateTime? EndedAt, long DurationMs, long EventCount, long AfterSeq,
    IReadOnlyList<RecordedEvent> Events, long LastSeq, bool HasMore, IReadOnlyList<ResultsUpdate>? Results);

/// <summary>
/// One event as the host's stream carries it (stream v1 payloads, redacted for the host: an
/// anonymous response names no participant), with <c>offset_ms</c> since the session's first
/// event, and <c>results</c>: the hub's <c>Results</c> documents due after it (see <see cref="RecordingResults"/>).
/// </summary>
public sealed record RecordedEvent(long Seq, string Type, DateTime At, long OffsetMs, object? Data, IReadOnlyList<ResultsUpdate>? Results);

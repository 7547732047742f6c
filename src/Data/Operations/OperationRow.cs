namespace Conflicto.Data.Operations;

/// <summary>A stored operation (table <c>operations</c>, migration 0015).</summary>
public sealed record OperationRow
{
    public long Id { get; init; }
    public int? SessionId { get; init; }
    public string Name { get; init; } = "";
    public string Kind { get; init; } = "";
    public string ActorRole { get; init; } = "";
    public int? ActorId { get; init; }
    public DateTime StartedAt { get; init; }
    public DateTime EndedAt { get; init; }
    public double DurationMs { get; init; }
    public string Outcome { get; init; } = "";
    public int StatusCode { get; init; }
    public string? ErrorKind { get; init; }
    public string? RequestId { get; init; }
}

/// <summary>Count and execution-time percentiles of one operation name.</summary>
public sealed record OperationStats(string Name, int Count, double P50Ms, double P95Ms, double MaxMs);

/// <summary>
/// Which of a session's operations to read; every filter is optional. <see cref="From"/> is
/// inclusive and <see cref="To"/> exclusive, both on the start time (UTC).
/// </summary>
public sealed record OperationQuery(
    int SessionId, string? Kind = null, string? Name = null, string? ActorRole = null, int? ParticipantId = null,
    string? Outcome = null, DateTime? From = null, DateTime? To = null, double? MinDurationMs = null);

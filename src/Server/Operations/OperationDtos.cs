using Conflicto.Data.Operations;
using Microsoft.AspNetCore.Mvc;

namespace Conflicto.Server.Operations;

/// <summary>The filters and paging of <c>GET /api/v1/sessions/{id}/operations</c>; all optional.</summary>
public sealed record OperationListQuery(
    [FromQuery(Name = "kind")] string? Kind,
    [FromQuery(Name = "name")] string? Name,
    [FromQuery(Name = "actor_role")] string? ActorRole,
    [FromQuery(Name = "participant_id")] int? ParticipantId,
    [FromQuery(Name = "outcome")] string? Outcome,
    [FromQuery(Name = "from")] DateTimeOffset? From,
    [FromQuery(Name = "to")] DateTimeOffset? To,
    [FromQuery(Name = "min_duration_ms")] double? MinDurationMs,
    [FromQuery(Name = "offset")] int? Offset,
    [FromQuery(Name = "limit")] int? Limit,
    [FromQuery(Name = "summary")] bool? Summary);

public sealed record OperationResponse(
    long Id, int? SessionId, string Name, string Kind, string ActorRole, int? ParticipantId, DateTime StartedAt, DateTime EndedAt,
    double DurationMs, string Outcome, int StatusCode, string? ErrorKind, string? RequestId)
{
    public static OperationResponse From(OperationRow r) => new(
        r.Id, r.SessionId, r.Name, r.Kind, r.ActorRole, r.ActorId, r.StartedAt, r.EndedAt, r.DurationMs, r.Outcome, r.StatusCode, r.ErrorKind, r.RequestId);
}

/// <summary>Count and execution times (ms) of one operation name over every operation the filters match.</summary>
public sealed record OperationNameStats(string Name, int Count, double P50Ms, double P95Ms, double MaxMs)
{
    public static OperationNameStats From(OperationStats s) => new(s.Name, s.Count, s.P50Ms, s.P95Ms, s.MaxMs);
}

/// <summary>
/// The state of the answering node's operation log since it started: whether it records, how
/// many operations it wrote and dropped, and how many wait to be written. Operations are written
/// behind, so the last <c>queued</c> ones are not listed yet; <c>dropped</c> above zero means the
/// list is incomplete.
/// </summary>
public sealed record OperationTracking(bool Enabled, long Written, long Dropped, int Queued);

public sealed record OperationList(
    IReadOnlyList<OperationResponse> Operations, int Total, int Offset, int Limit, OperationTracking Tracking, IReadOnlyList<OperationNameStats>? Summary);

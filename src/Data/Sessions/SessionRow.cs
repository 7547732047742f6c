namespace Conflicto.Data.Sessions;

public sealed record SessionRow
{
    public int Id { get; init; }
    public string Title { get; init; } = "";
    public string? Description { get; init; }
    public string Status { get; init; } = SessionStatuses.Draft;
    public string JoinCode { get; init; } = "";
    public string AdminCode { get; init; } = "";
    public int MaxParticipants { get; init; }
    public long LastSeq { get; init; }
    public DateTime LastEventAt { get; init; }
    public DateTime? StartedAt { get; init; }
    public DateTime? CompletedAt { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; init; }
    public int ParticipantCount { get; init; }
    public int ActivityCount { get; init; }
    /// <summary>The session's <see cref="Activities.CurrentActivity"/>, read with the row.</summary>
    public Guid? CurrentActivityId { get; init; }
}

public sealed record NewSession(string Title, string? Description, int MaxParticipants);

/// <summary>A partial update: null leaves a field as it is. <see cref="ClearDescription"/> sets it to null.</summary>
public sealed record SessionPatch(string? Title, string? Description, bool ClearDescription, int? MaxParticipants, string? Status);

/// <summary>What hub and event clients may see of a session: never the admin code.</summary>
public sealed record SessionPayload(
    int Id, string Title, string? Description, string Status, string JoinCode, int MaxParticipants,
    DateTime? StartedAt, DateTime? CompletedAt, DateTime CreatedAt, DateTime UpdatedAt)
{
    public static SessionPayload From(SessionRow row) => new(
        row.Id, row.Title, row.Description, row.Status, row.JoinCode, row.MaxParticipants,
        row.StartedAt, row.CompletedAt, row.CreatedAt, row.UpdatedAt);
}

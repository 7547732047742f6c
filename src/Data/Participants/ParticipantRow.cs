using System.Text.Json;

namespace Conflicto.Data.Participants;

public sealed record ParticipantRow
{
    public int Id { get; init; }
    public int SessionId { get; init; }
    public string Nickname { get; init; } = "";
    public DateTime JoinedAt { get; init; }
    public DateTime LastSeen { get; init; }
    public DateTime? LeftAt { get; init; }
    public JsonElement ActivityContext { get; init; }
}

/// <summary>A new participant and the bearer token it acts with (shown once, stored only as a hash).</summary>
public sealed record JoinedParticipant(ParticipantRow Participant, string Token, string RequestedNickname, JoinedSession Session);

/// <summary>The session as the join saw it under its lock: what the joiner is told, with no second read.</summary>
public sealed record JoinedSession(string Title, string Status, Guid? CurrentActivityId, int ParticipantCount);

public sealed record ParticipantPayload(int ParticipantId, string Nickname, DateTime JoinedAt)
{
    public static ParticipantPayload From(ParticipantRow row) => new(row.Id, row.Nickname, row.JoinedAt);
}

/// <summary><c>participant.left</c>: the participant, and whether the host removed it (false: it left by itself).</summary>
public sealed record ParticipantLeftPayload(int ParticipantId, string Nickname, DateTime JoinedAt, bool RemovedByHost)
{
    public static ParticipantLeftPayload From(ParticipantRow row, bool removedByHost) => new(row.Id, row.Nickname, row.JoinedAt, removedByHost);
}

/// <summary>Who a participant token belongs to.</summary>
public sealed record ParticipantIdentity(int ParticipantId, int SessionId, string Nickname);

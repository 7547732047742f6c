using System.Text.Json;
using Conflicto.Data.Participants;

namespace Conflicto.Server.Participants;

public sealed record ParticipantJoinRequest(string? Nickname);

/// <summary>
/// <c>participant_id</c> is a string, as the legacy API returned it. <c>participant_token</c>
/// (additive) is what the participant acts with from now on.
/// </summary>
public sealed record ParticipantJoinResponse(string ParticipantId, string ParticipantToken, string Nickname, SessionState SessionState);

public sealed record SessionState(
    int SessionId, string Title, string Status, Guid? CurrentActivityId, int ParticipantCount, string Nickname, bool NicknameChanged, long LastSeq);

public sealed record NicknameValidationResponse(bool Available, string? SuggestedNickname, string? Error);

public sealed record ParticipantHeartbeatRequest(JsonElement? ActivityContext = null);

public sealed record ParticipantHeartbeatResponse(string Status, JsonElement ActivityContext, DateTime UpdatedAt);

public sealed record ParticipantStatus(string ParticipantId, string Nickname, string Status, DateTime JoinedAt, DateTime LastSeen)
{
    public static ParticipantStatus From(ParticipantRow row, DateTime now) =>
        new(row.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), row.Nickname, Presence.Of(row.LastSeen, now), row.JoinedAt, row.LastSeen);
}

public sealed record ParticipantListResponse(IReadOnlyList<ParticipantStatus> Participants, int TotalCount, int OnlineCount);

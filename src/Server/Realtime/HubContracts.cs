using System.Runtime.Serialization;

namespace Conflicto.Server.Realtime;

[DataContract]
public sealed record JoinSessionRequest(
    [property: DataMember(Name = "sessionId")] int SessionId,
    [property: DataMember(Name = "afterSeq")] long? AfterSeq = null,
    [property: DataMember(Name = "joinCode")] string? JoinCode = null,
    [property: DataMember(Name = "version")] int? Version = null);

/// <summary>
/// The session as of <see cref="SessionSnapshot.LastSeq"/>, plus the events after the client's
/// <c>afterSeq</c> up to it when that history is still kept (<c>recovered: true</c>).
/// </summary>
[DataContract]
public sealed record JoinSessionResult(
    [property: DataMember(Name = "snapshot")] SessionSnapshot Snapshot,
    [property: DataMember(Name = "events")] IReadOnlyList<EventEnvelope> Events,
    [property: DataMember(Name = "recovered")] bool Recovered);

/// <summary>
/// Resources are in their REST shapes (snake_case), filtered for the role: participants see only
/// themselves in <c>participants</c>, and everyone gets the count. <c>session</c> carries
/// <c>current_activity_id</c>. <c>results</c> holds the current <c>Results</c> document of every
/// published, active or expired activity (and, for the host, draft), so a screen draws its charts at
/// once; their <c>asOfSeq</c> may be behind or ahead of <c>lastSeq</c> (see docs/realtime.md).
/// </summary>
[DataContract]
public sealed record SessionSnapshot(
    [property: DataMember(Name = "lastSeq")] long LastSeq,
    [property: DataMember(Name = "role")] string Role,
    [property: DataMember(Name = "participantId")] int? ParticipantId,
    [property: DataMember(Name = "session")] object Session,
    [property: DataMember(Name = "activities")] IReadOnlyList<object> Activities,
    [property: DataMember(Name = "participants")] IReadOnlyList<object> Participants,
    [property: DataMember(Name = "participantCount")] int ParticipantCount,
    [property: DataMember(Name = "results")] IReadOnlyList<ResultsUpdate> Results,
    [property: DataMember(Name = "quizzes")] IReadOnlyList<object>? Quizzes = null);

/// <summary>Sent only once the response is durable.</summary>
[DataContract]
public sealed record SubmitAck(
    [property: DataMember(Name = "responseId")] Guid ResponseId,
    [property: DataMember(Name = "seq")] long Seq,
    [property: DataMember(Name = "replayed")] bool Replayed);

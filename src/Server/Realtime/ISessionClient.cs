using System.Runtime.Serialization;

namespace Conflicto.Server.Realtime;

/// <summary>What the server calls on hub clients.</summary>
public interface ISessionClient
{
    /// <summary>Stream v1: one event of the session's log, in seq order, no gaps.</summary>
    Task Event(EventEnvelope envelope);

    /// <summary>
    /// Stream v2: the events of the receiver's audience stream released since the last message, in
    /// seq order; each one's <c>prevSeq</c> is the seq of the previous event of that stream.
    /// </summary>
    Task Events(IReadOnlyList<EventEnvelope> envelopes);

    /// <summary>Coalesced, recomputable results of an activity (no seq).</summary>
    Task Results(ResultsUpdate update);

    /// <summary>Coalesced participant counts of a session (no seq).</summary>
    Task Presence(PresenceUpdate update);

    /// <summary>The connection's rights are gone (the participant left or was removed); the server closes it right after.</summary>
    Task Revoked(RevokedNotice notice);

    /// <summary>This node is shutting down: connect again now (through the load balancer, to another node) and resume from the last seq; the server closes the connection shortly after.</summary>
    Task Reconnect(ReconnectNotice notice);
}

/// <summary>
/// <c>{ sessionId, seq, prevSeq, type, at, data }</c>. <c>data</c> is the resource as the REST API
/// shows it (snake_case), redacted for the receiver's role. <c>prevSeq</c> is the seq of the
/// previous event in the receiver's stream (<c>seq - 1</c> where the stream is the whole log):
/// a client whose last seq is below it missed something (docs/realtime.md).
/// </summary>
[DataContract]
public sealed record EventEnvelope(
    [property: DataMember(Name = "sessionId")] int SessionId,
    [property: DataMember(Name = "seq")] long Seq,
    [property: DataMember(Name = "prevSeq")] long PrevSeq,
    [property: DataMember(Name = "type")] string Type,
    [property: DataMember(Name = "at")] DateTime At,
    [property: DataMember(Name = "data")] object? Data);

[DataContract]
public sealed record ResultsUpdate(
    [property: DataMember(Name = "sessionId")] int SessionId,
    [property: DataMember(Name = "activityId")] Guid ActivityId,
    [property: DataMember(Name = "asOfSeq")] long AsOfSeq,
    [property: DataMember(Name = "responseCount")] int ResponseCount,
    [property: DataMember(Name = "results")] object Results);

[DataContract]
public sealed record PresenceUpdate(
    [property: DataMember(Name = "sessionId")] int SessionId,
    [property: DataMember(Name = "participantCount")] int ParticipantCount,
    [property: DataMember(Name = "onlineCount")] int OnlineCount);

/// <summary>
/// Why a connection lost its rights: <c>reason</c> is <c>removed</c> (by the host), <c>left</c> (the
/// participant left, e.g. from another tab) or <c>revoked</c> (the server only knows the token no
/// longer holds); <c>message</c> is a sentence to show.
/// </summary>
[DataContract]
public sealed record RevokedNotice(
    [property: DataMember(Name = "sessionId")] int SessionId,
    [property: DataMember(Name = "participantId")] int ParticipantId,
    [property: DataMember(Name = "reason")] string Reason,
    [property: DataMember(Name = "message")] string Message);

/// <summary><c>reason</c> is <c>draining</c> (the node is shutting down); <c>message</c> is a sentence for logs, not for the audience.</summary>
[DataContract]
public sealed record ReconnectNotice(
    [property: DataMember(Name = "reason")] string Reason,
    [property: DataMember(Name = "message")] string Message);

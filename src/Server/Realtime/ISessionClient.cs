using System.Runtime.Serialization;

namespace Conflicto.Server.Realtime;

/// <summary>What the server calls on hub clients.</summary>
public interface ISessionClient
{
    /// <summary>One event of the session's log, in seq order, no gaps.</summary>
    Task Event(EventEnvelope envelope);

    /// <summary>Coalesced, recomputable results of an activity (no seq).</summary>
    Task Results(ResultsUpdate update);

    /// <summary>Coalesced participant counts of a session (no seq).</summary>
    Task Presence(PresenceUpdate update);
}

/// <summary>
/// <c>{ sessionId, seq, type, at, data }</c>. <c>data</c> is the resource as the REST API shows it
/// (snake_case), redacted for the receiver's role.
/// </summary>
[DataContract]
public sealed record EventEnvelope(
    [property: DataMember(Name = "sessionId")] int SessionId,
    [property: DataMember(Name = "seq")] long Seq,
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

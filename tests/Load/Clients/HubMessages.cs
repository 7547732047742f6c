using System.Runtime.Serialization;

namespace Conflicto.Load.Clients;

// Only the fields the runner reads: both hub protocols skip the others (cheaper on the client,
// which shares a 2-core machine with the server). Names as in docs/realtime.md.

[DataContract]
public sealed class EventMessage
{
    [DataMember(Name = "seq")] public long Seq { get; set; }

    /// <summary>
    /// The seq before this one in the receiver's stream (protocol v2; a v2 participant's stream
    /// skips other participants' events). Servers before v2 do not send it: then seq - 1.
    /// </summary>
    [DataMember(Name = "prevSeq")] public long? PrevSeq { get; set; }

    [DataMember(Name = "type")] public string Type { get; set; } = "";

    /// <summary><see cref="PrevSeq"/>, or seq - 1 when the server did not send it.</summary>
    public long Previous => PrevSeq ?? Seq - 1;
}

[DataContract]
public sealed class PresenceMessage
{
    [DataMember(Name = "participantCount")] public int ParticipantCount { get; set; }
    [DataMember(Name = "onlineCount")] public int OnlineCount { get; set; }
}

[DataContract]
public sealed class ResultsMessage
{
    [DataMember(Name = "activityId")] public Guid ActivityId { get; set; }
    [DataMember(Name = "asOfSeq")] public long AsOfSeq { get; set; }
    [DataMember(Name = "responseCount")] public int ResponseCount { get; set; }
}

[DataContract]
public sealed class JoinSnapshot
{
    [DataMember(Name = "lastSeq")] public long LastSeq { get; set; }
    [DataMember(Name = "role")] public string Role { get; set; } = "";
}

[DataContract]
public sealed class JoinResult
{
    [DataMember(Name = "snapshot")] public JoinSnapshot Snapshot { get; set; } = new();
    [DataMember(Name = "events")] public List<EventMessage> Events { get; set; } = [];
    [DataMember(Name = "recovered")] public bool Recovered { get; set; }
}

[DataContract]
public sealed class SubmitAck
{
    [DataMember(Name = "responseId")] public Guid ResponseId { get; set; }
    [DataMember(Name = "seq")] public long Seq { get; set; }
    [DataMember(Name = "replayed")] public bool Replayed { get; set; }
}

using System.Runtime.Serialization;

namespace Conflicto.Load.Clients;

// Only the fields the runner reads: both hub protocols skip the others (cheaper on the client,
// which shares a 2-core machine with the server). Names as in docs/realtime.md.

[DataContract]
public sealed class EventMessage
{
    [DataMember(Name = "seq")] public long Seq { get; set; }
    [DataMember(Name = "type")] public string Type { get; set; } = "";
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

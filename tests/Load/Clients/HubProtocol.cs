namespace Conflicto.Load.Clients;

/// <summary>
/// How hub clients talk to the server: the wire protocol (MessagePack or JSON) and the stream
/// version asked for in <c>JoinSession</c> (docs/realtime.md): 1 = one <c>Event</c> message per
/// event, every event for every role; 2 = audience streams, batched as <c>Events([...])</c>,
/// each envelope with the <c>prevSeq</c> of the receiver's stream.
/// </summary>
public sealed record HubProtocol(bool MessagePack, int StreamVersion)
{
    public static readonly IReadOnlyList<int> Versions = [1, 2];

    public override string ToString() => $"{(MessagePack ? "MessagePack" : "JSON")} over WebSockets, stream version {StreamVersion}";
}

using Conflicto.Load.Clients;

namespace Conflicto.Load.Scenarios;

/// <summary>
/// What a set of followers received from the measured window's start to the end of the run
/// (drained): WebSocket bytes (<see cref="WebSocketTally"/>), hub messages carrying events and the
/// envelopes in them. Bytes per delivery is the size of a delivered event on the wire, framing
/// included (the rare ping and presence frames too, which is why the span is a whole window).
/// </summary>
public sealed class ReceivedBytes(WebSocketTally tally, IReadOnlyList<LoadHubClient> followers)
{
    private (long Bytes, long Messages, long Deliveries)? _start;

    public void Start() => _start = Now();

    public (long Bytes, long Messages, long Deliveries) Since()
    {
        var now = Now();
        var from = _start ?? (0, 0, 0);
        return (now.Bytes - from.Bytes, now.Messages - from.Messages, now.Deliveries - from.Deliveries);
    }

    public void Record(ScenarioContext ctx)
    {
        var (bytes, messages, deliveries) = Since();
        ctx.Figure("bytes per delivery (received by followers)", deliveries == 0 ? 0 : bytes / (double)deliveries, "B");
        ctx.Figure("deliveries per hub message", messages == 0 ? 0 : deliveries / (double)messages, "");
    }

    private (long Bytes, long Messages, long Deliveries) Now() =>
        (tally.BytesReceived, followers.Sum(f => f.MessagesReceived), followers.Sum(f => f.DeliveriesReceived));
}

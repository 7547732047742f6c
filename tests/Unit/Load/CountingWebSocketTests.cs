using System.Net.WebSockets;
using Conflicto.Load.Clients;

namespace Conflicto.Tests.Unit.Load;

public class CountingWebSocketTests
{
    /// <summary>Accepts every send; each receive returns the next scripted result.</summary>
    private sealed class ScriptedSocket(params ValueWebSocketReceiveResult[] receives) : WebSocket
    {
        private int _next;
        public override WebSocketCloseStatus? CloseStatus => null;
        public override string? CloseStatusDescription => null;
        public override WebSocketState State => WebSocketState.Open;
        public override string? SubProtocol => null;
        public override void Abort() { }
        public override Task CloseAsync(WebSocketCloseStatus s, string? d, CancellationToken ct) => Task.CompletedTask;
        public override Task CloseOutputAsync(WebSocketCloseStatus s, string? d, CancellationToken ct) => Task.CompletedTask;
        public override void Dispose() { }
        public override Task<WebSocketReceiveResult> ReceiveAsync(ArraySegment<byte> buffer, CancellationToken ct) => throw new NotSupportedException();
        public override Task SendAsync(ArraySegment<byte> buffer, WebSocketMessageType type, bool end, CancellationToken ct) => Task.CompletedTask;
        public override ValueTask<ValueWebSocketReceiveResult> ReceiveAsync(Memory<byte> buffer, CancellationToken ct) => ValueTask.FromResult(receives[_next++]);
        public override ValueTask SendAsync(ReadOnlyMemory<byte> buffer, WebSocketMessageType type, bool end, CancellationToken ct) => ValueTask.CompletedTask;
        public override ValueTask SendAsync(ReadOnlyMemory<byte> buffer, WebSocketMessageType type, WebSocketMessageFlags flags, CancellationToken ct) => ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Send_CountsAMessageOnItsLastFrameWhateverTheOverload()
    {
        var tally = new WebSocketTally();
        var socket = new CountingWebSocket(new ScriptedSocket(), tally);

        await socket.SendAsync(new byte[3].AsMemory(), WebSocketMessageType.Binary, endOfMessage: false, default); // first frame
        await socket.SendAsync(new byte[3].AsMemory(), WebSocketMessageType.Binary, endOfMessage: true, default);  // last frame
        await socket.SendAsync(new byte[3].AsMemory(), WebSocketMessageType.Binary, WebSocketMessageFlags.EndOfMessage, default);
        await socket.SendAsync(new ArraySegment<byte>(new byte[3]), WebSocketMessageType.Binary, true, default);

        Assert.Equal(3, tally.Sent);
        Assert.Equal(0, tally.Received);
    }

    [Fact]
    public async Task Receive_CountsWholeMessagesAndTheirBytesButNotZeroByteWaitsOrCloses()
    {
        var tally = new WebSocketTally();
        var socket = new CountingWebSocket(new ScriptedSocket(
            new ValueWebSocketReceiveResult(0, WebSocketMessageType.Binary, false), // SignalR's 0-byte wait for data
            new ValueWebSocketReceiveResult(10, WebSocketMessageType.Binary, false), // first part of a message
            new ValueWebSocketReceiveResult(5, WebSocketMessageType.Binary, true),   // its end
            new ValueWebSocketReceiveResult(0, WebSocketMessageType.Close, true)), tally);

        await socket.ReceiveAsync(Memory<byte>.Empty, default);
        for (var i = 0; i < 3; i++) await socket.ReceiveAsync(new byte[16].AsMemory(), default);

        Assert.Equal(1, tally.Received);
        Assert.Equal(15, tally.BytesReceived); // both parts of the message, nothing for the wait or the close
        Assert.Equal(0, tally.Sent);
    }
}

using System.Net.WebSockets;

namespace Conflicto.Load.Clients;

/// <summary>Whole WebSocket messages sent and received, and bytes received, by a set of clients (thread-safe totals).</summary>
public sealed class WebSocketTally
{
    private long _sent;
    private long _received;
    private long _opened;
    private long _bytesReceived;

    public long Sent => Interlocked.Read(ref _sent);

    public long Received => Interlocked.Read(ref _received);

    /// <summary>Payload bytes received (every frame but close frames).</summary>
    public long BytesReceived => Interlocked.Read(ref _bytesReceived);

    /// <summary>WebSocket connections opened (one HTTP upgrade request each).</summary>
    public long Opened => Interlocked.Read(ref _opened);

    internal void CountSent() => Interlocked.Increment(ref _sent);

    internal void CountReceived() => Interlocked.Increment(ref _received);

    internal void CountBytesReceived(int count) => Interlocked.Add(ref _bytesReceived, count);

    internal void CountOpened() => Interlocked.Increment(ref _opened);
}

/// <summary>
/// A WebSocket that forwards to another and counts whole messages both ways, so that every
/// client → server message a hub client sends (invocations, pings, the handshake) is counted
/// where it leaves, whatever the SignalR client decides to send. A message is counted on its
/// last frame (end of message); close frames are not messages.
/// </summary>
public sealed class CountingWebSocket(WebSocket inner, WebSocketTally tally) : WebSocket
{
    public override WebSocketCloseStatus? CloseStatus => inner.CloseStatus;
    public override string? CloseStatusDescription => inner.CloseStatusDescription;
    public override WebSocketState State => inner.State;
    public override string? SubProtocol => inner.SubProtocol;

    public override void Abort() => inner.Abort();

    public override Task CloseAsync(WebSocketCloseStatus closeStatus, string? statusDescription, CancellationToken cancellationToken) =>
        inner.CloseAsync(closeStatus, statusDescription, cancellationToken);

    public override Task CloseOutputAsync(WebSocketCloseStatus closeStatus, string? statusDescription, CancellationToken cancellationToken) =>
        inner.CloseOutputAsync(closeStatus, statusDescription, cancellationToken);

    public override void Dispose() => inner.Dispose();

    public override async Task<WebSocketReceiveResult> ReceiveAsync(ArraySegment<byte> buffer, CancellationToken cancellationToken)
    {
        var result = await inner.ReceiveAsync(buffer, cancellationToken);
        if (result.MessageType != WebSocketMessageType.Close) tally.CountBytesReceived(result.Count);
        if (result.EndOfMessage && result.MessageType != WebSocketMessageType.Close) tally.CountReceived();
        return result;
    }

    public override async ValueTask<ValueWebSocketReceiveResult> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var result = await inner.ReceiveAsync(buffer, cancellationToken);
        if (result.MessageType != WebSocketMessageType.Close) tally.CountBytesReceived(result.Count);
        // The SignalR transport first reads 0 bytes to wait for data: that read ends no message.
        if (result.EndOfMessage && result.MessageType != WebSocketMessageType.Close && (result.Count > 0 || buffer.Length > 0)) tally.CountReceived();
        return result;
    }

    public override Task SendAsync(ArraySegment<byte> buffer, WebSocketMessageType messageType, bool endOfMessage, CancellationToken cancellationToken)
    {
        if (endOfMessage) tally.CountSent();
        return inner.SendAsync(buffer, messageType, endOfMessage, cancellationToken);
    }

    public override ValueTask SendAsync(ReadOnlyMemory<byte> buffer, WebSocketMessageType messageType, bool endOfMessage, CancellationToken cancellationToken)
    {
        if (endOfMessage) tally.CountSent();
        return inner.SendAsync(buffer, messageType, endOfMessage, cancellationToken);
    }

    public override ValueTask SendAsync(ReadOnlyMemory<byte> buffer, WebSocketMessageType messageType, WebSocketMessageFlags messageFlags, CancellationToken cancellationToken)
    {
        if (messageFlags.HasFlag(WebSocketMessageFlags.EndOfMessage)) tally.CountSent();
        return inner.SendAsync(buffer, messageType, messageFlags, cancellationToken);
    }
}

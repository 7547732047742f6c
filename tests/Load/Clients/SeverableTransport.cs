using System.Net.Sockets;
using System.Net.WebSockets;
using Microsoft.AspNetCore.Http.Connections.Client;

namespace Conflicto.Load.Clients;

/// <summary>How a link is cut.</summary>
public enum DropMode
{
    /// <summary>TCP reset: no WebSocket close frame, no SignalR close message; the server learns at once.</summary>
    Reset,

    /// <summary>Traffic stops both ways, the socket stays open: the server learns by its keep-alive timeout.</summary>
    Silent,
}

/// <summary>
/// Opens a hub client's WebSockets itself (<see cref="HttpConnectionOptions.WebSocketFactory"/>)
/// over sockets it keeps, so that a load test can drop the link the way a network does rather
/// than with a polite StopAsync (which sends a close message the server would see as a leave).
/// </summary>
public sealed class SeverableTransport : IDisposable
{
    private readonly object _gate = new();
    private readonly List<(Socket Socket, SeverableStream Stream)> _links = [];
    private readonly SocketsHttpHandler _handler;
    private long _bytesReceived;

    public SeverableTransport()
    {
        _handler = new SocketsHttpHandler { ConnectCallback = ConnectSocketAsync };
    }

    /// <summary>Bytes read from the server over every link so far (WebSocket framing included).</summary>
    public long BytesReceived => Interlocked.Read(ref _bytesReceived);

    /// <summary>The factory SignalR calls for each new connection of this client.</summary>
    public async ValueTask<WebSocket> ConnectAsync(WebSocketConnectionContext context, CancellationToken ct)
    {
        var webSocket = new ClientWebSocket();
        // As SignalR's own factory does outside browsers: the token as a bearer header.
        if (context.Options.AccessTokenProvider is { } provider && await provider() is { } token)
            webSocket.Options.SetRequestHeader("Authorization", $"Bearer {token}");
        try
        {
            await webSocket.ConnectAsync(context.Uri, new HttpMessageInvoker(_handler, disposeHandler: false), ct);
        }
        catch
        {
            webSocket.Dispose();
            throw;
        }
        return webSocket;
    }

    /// <summary>Cuts every open link of this client at once.</summary>
    public void Sever(DropMode mode)
    {
        lock (_gate)
        {
            foreach (var (socket, stream) in _links)
            {
                if (mode == DropMode.Silent) { stream.Silence(); continue; }
                try
                {
                    socket.LingerState = new LingerOption(true, 0); // close with RST, not FIN
                    socket.Close();
                }
                catch (ObjectDisposedException) { /* already closed by the client */ }
            }
            if (mode == DropMode.Reset) _links.Clear();
        }
    }

    private async ValueTask<Stream> ConnectSocketAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(context.DnsEndPoint, ct);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        var stream = new SeverableStream(new NetworkStream(socket, ownsSocket: true), n => Interlocked.Add(ref _bytesReceived, n));
        lock (_gate) _links.Add((socket, stream));
        return stream;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var (socket, stream) in _links)
            {
                stream.Dispose(); // releases a silenced link's pending read
                socket.Dispose();
            }
            _links.Clear();
        }
        _handler.Dispose();
    }
}

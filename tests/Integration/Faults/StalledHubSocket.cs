using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;

namespace Conflicto.Tests.Integration.Faults;

/// <summary>
/// A hub client that stops reading: a raw WebSocket (JSON protocol, no negotiate) with a small
/// receive buffer, which joins a session and then never reads its socket again. It keeps sending
/// pings, as a client whose reading side froze would, so the server's client timeout does not
/// end it: only a bound on what waits for it can. <see cref="ClosedAt"/> is set when a send fails
/// (the server closed the connection).
/// </summary>
public sealed class StalledHubSocket : IAsyncDisposable
{
    private const char RecordSeparator = '\u001e';
    private readonly CancellationTokenSource _stop = new();
    private WebSocket _socket = null!;
    private Task _pinging = Task.CompletedTask;

    public DateTime? ClosedAt { get; private set; }

    public static async Task<StalledHubSocket> JoinAsync(string baseUrl, string accessToken, int sessionId)
    {
        var uri = new Uri(baseUrl);
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = 4096 };
        await socket.ConnectAsync(IPAddress.Loopback, uri.Port);
        var stream = new NetworkStream(socket, ownsSocket: true);
        var key = Convert.ToBase64String(Guid.NewGuid().ToByteArray());
        var upgrade = $"GET /hubs/session?access_token={Uri.EscapeDataString(accessToken)} HTTP/1.1\r\nHost: {uri.Authority}\r\n" +
                      $"Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(upgrade));
        var head = await ReadHeadAsync(stream);
        Assert.True(head.StartsWith("HTTP/1.1 101", StringComparison.Ordinal), $"The hub refused the WebSocket upgrade:\n{head}");

        var client = new StalledHubSocket { _socket = WebSocket.CreateFromStream(stream, new WebSocketCreationOptions { IsServer = false, KeepAliveInterval = TimeSpan.Zero }) };
        await client.SendAsync("{\"protocol\":\"json\",\"version\":1}");
        await client.SendAsync($"{{\"type\":1,\"invocationId\":\"1\",\"target\":\"JoinSession\",\"arguments\":[{{\"sessionId\":{sessionId},\"version\":2}}]}}");
        client._pinging = Task.Run(client.PingAsync);
        return client;
    }

    /// <summary>Pings every second (never reading anything) until a send fails: the server closed the connection.</summary>
    private async Task PingAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await SendAsync("{\"type\":6}").WaitAsync(TimeSpan.FromSeconds(5), _stop.Token);
                await Task.Delay(1_000, _stop.Token);
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is WebSocketException or IOException or ObjectDisposedException or TimeoutException)
            {
                ClosedAt = DateTime.UtcNow; // reset by the server (a send that cannot finish counts too: nothing is read any more)
                return;
            }
        }
    }

    private Task SendAsync(string message) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(message + RecordSeparator), WebSocketMessageType.Text, true, _stop.Token);

    /// <summary>Reads the HTTP answer's head byte by byte (nothing after it: the WebSocket begins there).</summary>
    private static async Task<string> ReadHeadAsync(NetworkStream stream)
    {
        var head = new StringBuilder();
        var one = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            if (await stream.ReadAsync(one) == 0) break;
            head.Append((char)one[0]);
        }
        return head.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _pinging;
        _socket.Dispose();
    }
}

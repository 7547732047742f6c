using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.TestHost;

namespace Conflicto.Tests.Integration.Hostile;

/// <summary>
/// The hub's JSON protocol spoken by hand over a WebSocket of the test server (no negotiate, no
/// client library), so frames no client library would send can be sent: broken JSON, wrong
/// message types, invalid UTF-8, arguments of any shape.
/// </summary>
public sealed class RawHubSocket(WebSocket socket) : IAsyncDisposable
{
    private const char Separator = '\u001e';
    private readonly StringBuilder _pending = new();

    /// <summary>The close message's error, once the server sent one.</summary>
    public string? CloseError { get; private set; }

    public bool Closed { get; private set; }

    public static async Task<RawHubSocket> ConnectAsync(TestServer server, string? accessToken)
    {
        var client = server.CreateWebSocketClient();
        var query = accessToken is null ? "" : "?access_token=" + Uri.EscapeDataString(accessToken);
        var socket = await client.ConnectAsync(new Uri($"ws://localhost/hubs/session{query}"), CancellationToken.None);
        var raw = new RawHubSocket(socket);
        await raw.SendAsync(Encoding.UTF8.GetBytes("{\"protocol\":\"json\",\"version\":1}" + Separator));
        var handshake = await raw.ReadMessageAsync(TimeSpan.FromSeconds(10));
        Assert.True(handshake is not null && !handshake.Contains("error", StringComparison.Ordinal), $"handshake failed: {handshake}");
        return raw;
    }

    public Task SendAsync(byte[] frame) => socket.SendAsync(frame, WebSocketMessageType.Text, true, CancellationToken.None);

    /// <summary>
    /// Waits for the completion of <paramref name="invocationId"/>: (true, error or null), or the
    /// connection's close: (false, the close's error). Live events and pings in between are skipped.
    /// </summary>
    public async Task<(bool Completed, string? Error, string Raw)?> CompletionAsync(string invocationId, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            string? message;
            try { message = await ReadMessageAsync(deadline - DateTime.UtcNow); }
            catch (OperationCanceledException) { return null; } // no answer in time: the caller reports it
            if (message is null) return (false, CloseError, "(closed)");
            using var json = JsonDocument.Parse(message);
            var type = json.RootElement.GetProperty("type").GetInt32();
            if (type == 7)
            {
                Closed = true;
                CloseError = json.RootElement.TryGetProperty("error", out var e) ? e.GetString() : null;
                return (false, CloseError, message);
            }
            if (type == 3 && json.RootElement.TryGetProperty("invocationId", out var id) && id.GetString() == invocationId)
                return (true, json.RootElement.TryGetProperty("error", out var error) ? error.GetString() : null, message);
        }
        return null;
    }

    private async Task<string?> ReadMessageAsync(TimeSpan timeout)
    {
        var buffer = new byte[64 * 1024];
        using var cancel = new CancellationTokenSource(timeout);
        while (true)
        {
            var text = _pending.ToString();
            var end = text.IndexOf(Separator);
            if (end >= 0)
            {
                _pending.Remove(0, end + 1);
                return text[..end];
            }
            if (Closed) return null;
            WebSocketReceiveResult result;
            try
            {
                result = await socket.ReceiveAsync(buffer, cancel.Token);
            }
            catch (WebSocketException)
            {
                Closed = true;
                return null;
            }
            if (result.MessageType == WebSocketMessageType.Close)
            {
                Closed = true;
                return null;
            }
            _pending.Append(Encoding.UTF8.GetString(buffer, 0, result.Count));
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (socket.State == WebSocketState.Open)
        {
            using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            try { await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, cancel.Token); }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException) { /* the server went first */ }
        }
        socket.Dispose();
    }
}

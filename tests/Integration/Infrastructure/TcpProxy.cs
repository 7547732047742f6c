using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Conflicto.Tests.Integration.Infrastructure;

/// <summary>
/// A loopback TCP proxy in front of a dependency that a test can cut and restore, to stage an
/// outage without stopping the shared test Postgres or Redis. <see cref="Cut"/> closes every open
/// connection and stops listening, so new connections are refused, as with a stopped server;
/// <see cref="Restore"/> listens on the same port again.
/// </summary>
public sealed class TcpProxy : IAsyncDisposable
{
    private readonly string _targetHost;
    private readonly int _targetPort;
    private readonly ConcurrentDictionary<Pair, byte> _open = new();
    private readonly object _gate = new();
    private TcpListener? _listener;
    private CancellationTokenSource _stop = new();

    public TcpProxy(string targetHost, int targetPort)
    {
        (_targetHost, _targetPort) = (targetHost, targetPort);
        Port = ServerProcess.FreePort();
        Restore();
    }

    public int Port { get; }

    /// <summary>Connections accepted since the proxy was made (a count to wait on, not to time).</summary>
    public int Accepted => Volatile.Read(ref _accepted);
    private int _accepted;

    public bool IsCut { get { lock (_gate) return _listener is null; } }

    /// <summary>Drops every connection and refuses new ones.</summary>
    public void Cut()
    {
        lock (_gate)
        {
            if (_listener is null) return;
            _stop.Cancel();
            _listener.Stop();
            _listener = null;
        }
        foreach (var pair in _open.Keys) pair.Close();
    }

    /// <summary>Listens again; new connections reach the target.</summary>
    public void Restore()
    {
        lock (_gate)
        {
            if (_listener is not null) return;
            _stop = new CancellationTokenSource();
            var listener = new TcpListener(IPAddress.Loopback, Port);
            listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            listener.Start();
            _listener = listener;
            _ = AcceptAsync(listener, _stop.Token);
        }
    }

    private async Task AcceptAsync(TcpListener listener, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stop);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return; // cut
            }
            Interlocked.Increment(ref _accepted);
            _ = ServeAsync(client, stop);
        }
    }

    private async Task ServeAsync(TcpClient client, CancellationToken stop)
    {
        var upstream = new TcpClient();
        var pair = new Pair(client, upstream);
        _open[pair] = 0;
        try
        {
            await upstream.ConnectAsync(_targetHost, _targetPort, stop);
            using var either = CancellationTokenSource.CreateLinkedTokenSource(stop);
            var up = PumpAsync(client.GetStream(), upstream.GetStream(), either.Token);
            var down = PumpAsync(upstream.GetStream(), client.GetStream(), either.Token);
            await Task.WhenAny(up, down);
            await either.CancelAsync();
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or IOException or ObjectDisposedException)
        {
            // cut, or one side went away: the pair closes below
        }
        finally
        {
            _open.TryRemove(pair, out _);
            pair.Close();
        }
    }

    private static async Task PumpAsync(NetworkStream from, NetworkStream to, CancellationToken ct)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await from.ReadAsync(buffer, ct)) > 0) await to.WriteAsync(buffer.AsMemory(0, read), ct);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or ObjectDisposedException)
        {
            // the pair is closing
        }
    }

    public ValueTask DisposeAsync()
    {
        Cut();
        return ValueTask.CompletedTask;
    }

    /// <summary>One proxied connection: both sockets, closed together (compared by reference).</summary>
    private sealed class Pair(TcpClient client, TcpClient upstream)
    {
        public void Close()
        {
            client.Dispose();
            upstream.Dispose();
        }
    }
}

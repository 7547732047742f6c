using System.Net;
using System.Net.Sockets;

namespace Conflicto.Load.Scenarios.PushVsPoll;

/// <summary>Totals of all pollers (thread-safe), and the HttpClient they share, which counts the connections it opens.</summary>
public sealed class PollCounters
{
    private long _sent, _received, _connections, _notModified, _changed, _fetches, _skipped;

    public FollowerCounts Read() => new(
        Interlocked.Read(ref _sent), Interlocked.Read(ref _received), Interlocked.Read(ref _connections),
        Interlocked.Read(ref _notModified), Interlocked.Read(ref _changed), Interlocked.Read(ref _fetches), Interlocked.Read(ref _skipped));

    public void Sent() => Interlocked.Increment(ref _sent);
    public void Received() => Interlocked.Increment(ref _received);
    public void NotModified() => Interlocked.Increment(ref _notModified);
    public void Changed() => Interlocked.Increment(ref _changed);
    public void Fetched() => Interlocked.Increment(ref _fetches);
    public void Skipped(long slots) => Interlocked.Add(ref _skipped, slots);

    /// <summary>
    /// Keep-alive connections, as many as there are pollers at most, so that requests never queue
    /// in the client for a free connection (a queued request would be timed as a slow server).
    /// </summary>
    public HttpClient CreateHttp(int maxConnections) => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = maxConnections,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        UseCookies = false,
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
        ConnectCallback = async (context, ct) =>
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(context.DnsEndPoint, ct);
                Interlocked.Increment(ref _connections);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    }) { Timeout = TimeSpan.FromSeconds(30) };
}

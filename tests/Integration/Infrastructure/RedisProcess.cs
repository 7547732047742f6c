using System.Diagnostics;
using System.Net.Sockets;

namespace Conflicto.Tests.Integration.Infrastructure;

/// <summary>A private redis-server on a free loopback port that a test may stop and restart.</summary>
public sealed class RedisProcess : IAsyncDisposable
{
    private Process? _process;

    public int Port { get; } = ServerProcess.FreePort();

    public string ConnectionString => $"127.0.0.1:{Port}";

    public async Task StartAsync()
    {
        var info = new ProcessStartInfo("redis-server", ["--port", Port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        _process = Process.Start(info) ?? throw new InvalidOperationException("redis-server could not be started (is it installed? scripts/test.sh installs it).");
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", Port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
        }
    }

    public async Task StopAsync()
    {
        if (_process is null) return;
        if (!_process.HasExited) _process.Kill();
        await _process.WaitForExitAsync();
        _process.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}

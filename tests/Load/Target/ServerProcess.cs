using System.Diagnostics;

namespace Conflicto.Load.Target;

/// <summary>
/// A Conflicto server started by the runner on a free loopback port, pinned to CPU 0 with
/// taskset when the machine has two cores or more (the runner pins itself to CPU 1), its output
/// going to a log file beside the report.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;

    private ServerProcess(Process process, StreamWriter log, Uri url, bool pinned)
    {
        _process = process;
        _log = log;
        Url = url;
        Pinned = pinned;
    }

    public Uri Url { get; }

    /// <summary>The per-session participant cap the runner's server is started with.</summary>
    public const int MaxParticipants = 100_000;

    public bool Pinned { get; }

    public int Pid => _process.Id;

    public static async Task<ServerProcess> StartAsync(string dll, string connectionString, string logPath, string logLevel,
        bool processing, bool pin, CancellationToken ct)
    {
        var port = Loopback.FreePort();
        var url = new Uri($"http://127.0.0.1:{port}");
        var pinned = pin && File.Exists("/usr/bin/taskset");
        var start = pinned
            ? new ProcessStartInfo("/usr/bin/taskset", ["-c", "0", "dotnet", dll, "--urls", url.ToString().TrimEnd('/')])
            : new ProcessStartInfo("dotnet", [dll, "--urls", url.ToString().TrimEnd('/')]);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.WorkingDirectory = Path.GetDirectoryName(dll)!;
        start.Environment["ConnectionStrings__Postgres"] = connectionString;
        start.Environment["Processing__Enabled"] = processing ? "true" : "false";
        // The load generator is one client address driving thousands of users: per-client limits
        // would measure the limiter, not the server.
        start.Environment["RateLimits__Enabled"] = "false";
        // Fan-out at 10,000 needs one session past the legacy contract's 1,000-participant cap.
        start.Environment["Limits__MaxParticipantsPerSession"] = MaxParticipants.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["Serilog__MinimumLevel__Default"] = logLevel;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_gcServer"] = "0"; // one core: server GC would only add threads

        var log = new StreamWriter(logPath) { AutoFlush = true };
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the server");
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new ServerProcess(process, log, url, pinned);
        try
        {
            await server.WaitReadyAsync(TimeSpan.FromSeconds(60), ct);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
        return server;
    }

    public double CpuSeconds => ProcStat.CpuSeconds(Pid);

    public long RssBytes => ProcStat.RssBytes(Pid);

    private async Task WaitReadyAsync(TimeSpan timeout, CancellationToken ct)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (_process.HasExited) throw new InvalidOperationException($"the server exited with code {_process.ExitCode} (see its log)");
            try
            {
                using var answer = await http.GetAsync(new Uri(Url, "/api/v1/health/ready"), ct);
                if (answer.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { /* not listening yet */ }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested) { /* slow start */ }
            await Task.Delay(200, ct);
        }
        throw new TimeoutException($"the server was not ready within {timeout.TotalSeconds} s");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10)).ContinueWith(_ => { });
        }
        _process.Dispose();
        lock (_log) _log.Dispose();
    }
}

using System.Diagnostics;
using Npgsql;

namespace Conflicto.Tests.Integration.Infrastructure;

/// <summary>
/// A private PostgreSQL cluster (initdb and pg_ctl into a temporary directory, as
/// scripts/lib/services.sh does) that a test may restart or stop, never touching the shared test
/// Postgres. Postgres refuses to run as root, so as root every command runs as the
/// <c>postgres</c> user (runuser), which owns the directory.
/// </summary>
public sealed class PostgresCluster : IAsyncDisposable
{
    private readonly string _dir;
    private readonly string _data;
    private readonly string _bin;

    private PostgresCluster(string dir, string bin)
    {
        (_dir, _bin) = (dir, bin);
        _data = Path.Combine(dir, "data");
    }

    public int Port { get; } = ServerProcess.FreePort();

    /// <summary>The connection string of the <c>conflicto</c> database.</summary>
    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=conflicto;Maximum Pool Size=60";

    public static async Task<PostgresCluster> StartAsync()
    {
        var dir = Directory.CreateTempSubdirectory("conflicto-pg-").FullName;
        var cluster = new PostgresCluster(dir, FindBin());
        await RunAsync("chmod", ["755", dir]); // the postgres user enters it
        Directory.CreateDirectory(cluster._data);
        if (Environment.UserName == "root") await RunAsync("chown", ["-R", "postgres:postgres", dir]);
        await cluster.AsPostgresAsync("initdb", ["-D", cluster._data, "--auth=trust", "-U", "postgres", "--encoding=UTF8", "--locale=C"]);
        await cluster.StartServerAsync();
        await using (var connection = new NpgsqlConnection($"Host=127.0.0.1;Port={cluster.Port};Username=postgres;Database=postgres;Pooling=false"))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("create database conflicto", connection);
            await command.ExecuteNonQueryAsync();
        }
        return cluster;
    }

    /// <summary>Starts the server (again) and waits until it accepts connections.</summary>
    public Task StartServerAsync() => AsPostgresAsync("pg_ctl", ["-D", _data, "-l", Path.Combine(_dir, "postgres.log"), "-w", "-t", "60",
        "-o", $"-p {Port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c max_connections=300 -c fsync=off -c synchronous_commit=off", "start"]);

    /// <summary>Stops the server (fast: open connections are ended, as an operator's stop does).</summary>
    public Task StopServerAsync(string mode = "fast") => AsPostgresAsync("pg_ctl", ["-D", _data, "-m", mode, "-w", "-t", "60", "stop"]);

    public async ValueTask DisposeAsync()
    {
        if (File.Exists(Path.Combine(_data, "postmaster.pid"))) await StopServerAsync("immediate");
        Directory.Delete(_dir, recursive: true);
    }

    private Task AsPostgresAsync(string tool, string[] args) =>
        Environment.UserName == "root"
            ? RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(_bin, tool), .. args])
            : RunAsync(Path.Combine(_bin, tool), args);

    private static async Task RunAsync(string file, string[] args)
    {
        var info = new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = "/" };
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {file}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited with {process.ExitCode}:\n{await output}\n{await error}");
    }

    /// <summary>PG_BIN (exported by scripts/test.sh), else PostgreSQL 15, else the newest installed.</summary>
    private static string FindBin()
    {
        if (Environment.GetEnvironmentVariable("PG_BIN") is { Length: > 0 } bin && File.Exists(Path.Combine(bin, "pg_ctl"))) return bin;
        var found = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "pg_ctl")))
                .OrderByDescending(d => d.Contains("/15/", StringComparison.Ordinal)).ThenByDescending(d => d, StringComparer.Ordinal).FirstOrDefault()
            : null;
        return found ?? throw new InvalidOperationException("No PostgreSQL server binaries (pg_ctl) under /usr/lib/postgresql; scripts/test.sh installs them.");
    }
}

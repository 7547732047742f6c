using Conflicto.Load.Runner;

namespace Conflicto.Load.Target;

/// <summary>
/// Where the load goes: existing nodes (<c>--url</c>) or a server the runner starts on a fresh
/// database (the default), which it also measures (CPU seconds, RSS) and removes at the end.
/// </summary>
public sealed class LoadTarget : IAsyncDisposable
{
    private readonly TestDatabase? _database;

    private LoadTarget(IReadOnlyList<Uri> urls, ServerProcess? server, TestDatabase? database)
    {
        Urls = urls;
        Server = server;
        _database = database;
    }

    /// <summary>For scenarios that start their own target.</summary>
    public static LoadTarget None { get; } = new([], null, null);

    public IReadOnlyList<Uri> Urls { get; }

    public ServerProcess? Server { get; }

    /// <summary>Load on the run's own database; null when targeting existing nodes (their database is not ours to read).</summary>
    public DatabaseStats? Database => _database is null ? null : new DatabaseStats(_database.ConnectionString, _database.Name);

    public string Description => Urls.Count == 0 ? "started by the scenario itself" : Server is null
        ? $"existing server(s): {string.Join(", ", Urls)}"
        : $"server started by the runner at {Server.Url} ({(Server.Pinned ? "pinned to CPU 0" : "not pinned")}, participant cap {ServerProcess.MaxParticipants:N0}), database {_database!.Name}";

    /// <summary>Node for the i-th client: clients are spread round-robin over the nodes.</summary>
    public Uri UrlFor(int index) => Urls[index % Urls.Count];

    public static async Task<LoadTarget> StartAsync(LoadOptions options, string resultsDir, TextWriter log, CancellationToken ct)
    {
        if (options.String("url") is { } url) return new LoadTarget(Loopback.ParseUrls(url), null, null);

        var admin = options.String("postgres") ?? Environment.GetEnvironmentVariable("CONFLICTO_TEST_POSTGRES")
            ?? "Host=127.0.0.1;Port=55432;Username=postgres;Database=postgres";
        var dll = await ServerBuild.EnsureAsync(log, ct);
        var database = await TestDatabase.CreateAsync(admin, ct);
        try
        {
            var pin = !options.Flag("no-pin") && Environment.ProcessorCount >= 2;
            var logPath = Path.Combine(resultsDir, $"{options.Scenario}-server-{DateTime.UtcNow:yyyyMMdd-HHmmss}.log");
            var server = await ServerProcess.StartAsync(dll, database.ConnectionString, logPath,
                options.String("server-log-level") ?? "Warning",
                options.String("processing") is not "off", pin, ct);
            if (pin && OperatingSystem.IsLinux())
                System.Diagnostics.Process.GetCurrentProcess().ProcessorAffinity = 2; // the runner on CPU 1
            return new LoadTarget([server.Url], server, database);
        }
        catch
        {
            await database.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Server is not null) await Server.DisposeAsync();
        if (_database is not null) await _database.DisposeAsync();
    }
}

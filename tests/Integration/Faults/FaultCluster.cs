using Conflicto.Tests.Integration.Infrastructure;

namespace Conflicto.Tests.Integration.Faults;

/// <summary>
/// Two real server nodes (Kestrel processes) on one database and a private Redis, made for one
/// fault test: either on a database of the shared test Postgres, or on a private cluster the test
/// may restart and stop. Node indexes (0, 1) are what clients move between.
/// </summary>
public sealed class FaultCluster : IAsyncDisposable
{
    public static readonly Dictionary<string, string> Settings = new()
    {
        ["Realtime:CatchUpIntervalMs"] = "300",
        ["Realtime:GapFillDelayMs"] = "100",
        ["Processing:Enabled"] = "false", // these tests count events exactly
        ["RateLimits:Enabled"] = "false", // hundreds of clients from one address
        ["Data:RetryAfterSeconds"] = "1",
    };

    private readonly ServerProcess?[] _nodes = new ServerProcess?[2];
    private readonly List<ServerProcess> _all = [];
    private string? _sharedDatabase;

    public RedisProcess Redis { get; } = new();
    public PostgresCluster? Postgres { get; private set; }
    public string Database { get; private set; } = "";
    public Dictionary<string, string> NodeSettings { get; } = new(Settings);

    public static async Task<FaultCluster> StartAsync(bool privatePostgres = false, IDictionary<string, string>? settings = null)
    {
        var cluster = new FaultCluster();
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) cluster.NodeSettings[key] = value;
        if (privatePostgres)
        {
            cluster.Postgres = await PostgresCluster.StartAsync();
            cluster.Database = cluster.Postgres.ConnectionString;
        }
        else cluster.Database = cluster._sharedDatabase = await TestDatabase.CreateAsync("conflicto_faults");
        await cluster.Redis.StartAsync();
        // One after the other: the first applies the migrations.
        await cluster.StartNodeAsync(0);
        await cluster.StartNodeAsync(1);
        return cluster;
    }

    public async Task StartNodeAsync(int index)
    {
        var node = await ServerProcess.StartAsync(Database, Redis.ConnectionString, NodeSettings);
        _nodes[index] = node;
        _all.Add(node);
    }

    public ServerProcess Node(int index) => _nodes[index] ?? throw new InvalidOperationException($"Node {index} is not running.");

    public string Url(int index) => Node(index).BaseUrl;

    public bool IsUp(int index) => _nodes[index] is { HasExited: false };

    /// <summary>The first node at or after <paramref name="from"/> (wrapping) that is up.</summary>
    public int NextUp(int from)
    {
        for (var i = 0; i < _nodes.Length; i++)
            if (IsUp((from + i) % _nodes.Length)) return (from + i) % _nodes.Length;
        throw new InvalidOperationException("No node is up.");
    }

    /// <summary>SIGKILL, as a crash or an OOM kill would: no drain, no goodbye to clients.</summary>
    public async Task KillAsync(int index)
    {
        var node = Node(index);
        node.Kill();
        await WaitForExitAsync(node);
    }

    private static async Task WaitForExitAsync(ServerProcess node)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!node.HasExited && DateTime.UtcNow < deadline) await Task.Delay(20);
    }

    public string Output => string.Join("\n", _all.Select((n, i) => $"--- node process {i} (pid {n.Pid}):\n{n.Output}"));

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _all) await node.DisposeAsync();
        await Redis.DisposeAsync();
        if (_sharedDatabase is not null) await TestDatabase.DropAsync(_sharedDatabase);
        if (Postgres is not null)
        {
            Npgsql.NpgsqlConnection.ClearAllPools();
            await Postgres.DisposeAsync();
        }
    }
}

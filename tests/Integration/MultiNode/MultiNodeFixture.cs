using Conflicto.Tests.Integration.Infrastructure;

namespace Conflicto.Tests.Integration.MultiNode;

/// <summary>
/// Two real server processes on loopback ports sharing one database and a private Redis that
/// tests may stop and restart. Catch-up intervals are short so recovery happens within a test.
/// </summary>
public sealed class MultiNodeFixture : IAsyncLifetime
{
    public static readonly Dictionary<string, string> FastRecovery = new()
    {
        ["Realtime:CatchUpIntervalMs"] = "300",
        ["Realtime:GapFillDelayMs"] = "100",
        ["Processing:Enabled"] = "false", // these tests count events exactly
        ["RateLimits:Enabled"] = "false",
    };

    public string Database { get; private set; } = "";
    public RedisProcess Redis { get; } = new();
    public ServerProcess NodeA { get; private set; } = null!;
    public ServerProcess NodeB { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync("conflicto_nodes");
        await Redis.StartAsync();
        // One after the other: the first applies the migrations (the second would wait on the lock anyway).
        NodeA = await ServerProcess.StartAsync(Database, Redis.ConnectionString, FastRecovery);
        NodeB = await ServerProcess.StartAsync(Database, Redis.ConnectionString, FastRecovery);
    }

    public Api ApiOn(ServerProcess node) => new(new HttpClient { BaseAddress = new Uri(node.BaseUrl) });

    public async Task DisposeAsync()
    {
        await NodeA.DisposeAsync();
        await NodeB.DisposeAsync();
        await Redis.DisposeAsync();
        await TestDatabase.DropAsync(Database);
    }
}

[CollectionDefinition(Name)]
public sealed class MultiNodeCollection : ICollectionFixture<MultiNodeFixture>
{
    public const string Name = "multi-node";
}

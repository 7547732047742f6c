using Conflicto.Tests.Integration.Infrastructure;

namespace Conflicto.Tests.Integration.Metrics;

/// <summary>
/// Two real server processes sharing a database and a private Redis. Real processes, not test
/// servers: meters are process-wide, so a test server would also count what every other test
/// class in this process does at the same time, and only Kestrel speaks WebSockets. Processing is
/// on (rule-based) so its jobs move the processing series; catch-up is fast so a Redis outage is
/// caught up within a test.
/// </summary>
public sealed class MetricsFixture : IAsyncLifetime
{
    private static readonly Dictionary<string, string> Settings = new()
    {
        ["Realtime:CatchUpIntervalMs"] = "300",
        ["Realtime:GapFillDelayMs"] = "100",
        ["RateLimits:Enabled"] = "false",
    };

    public string Database { get; private set; } = "";
    public RedisProcess Redis { get; } = new();
    public ServerProcess NodeA { get; private set; } = null!;
    public ServerProcess NodeB { get; private set; } = null!;
    public HttpClient HttpA { get; private set; } = null!;
    public HttpClient HttpB { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync("conflicto_metrics");
        try
        {
            await Redis.StartAsync();
            NodeA = await ServerProcess.StartAsync(Database, Redis.ConnectionString, Settings);
            NodeB = await ServerProcess.StartAsync(Database, Redis.ConnectionString, Settings);
        }
        catch
        {
            await DisposeAsync(); // xUnit does not dispose a fixture that failed to start: leave no process behind
            throw;
        }
        HttpA = new HttpClient { BaseAddress = new Uri(NodeA.BaseUrl) };
        HttpB = new HttpClient { BaseAddress = new Uri(NodeB.BaseUrl) };
    }

    public Task<PrometheusScrape> ScrapeAsync(ServerProcess node) => PrometheusScrape.ReadAsync(node == NodeA ? HttpA : HttpB);

    /// <summary>How long the exporter serves the same scrape again (its default response cache).</summary>
    private static readonly TimeSpan ScrapeCache = TimeSpan.FromMilliseconds(300);

    /// <summary>
    /// A scrape taken after the exporter's cache window, so it holds everything done before the call:
    /// a "before" read from the cache could predate the last test's actions and count them as this test's.
    /// </summary>
    public async Task<PrometheusScrape> ScrapeFreshAsync(ServerProcess node)
    {
        await Task.Delay(ScrapeCache + TimeSpan.FromMilliseconds(50));
        return await ScrapeAsync(node);
    }

    /// <summary>
    /// Scrapes until <paramref name="moved"/> holds for the scrape (bounded). The exporter caches a
    /// scrape for 300 ms and observable values are read when scraped, so a change shows up a
    /// little after the action, never before.
    /// </summary>
    public async Task<PrometheusScrape> ScrapeUntilAsync(ServerProcess node, Func<PrometheusScrape, bool> moved, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var scrape = await ScrapeAsync(node);
            if (moved(scrape)) return scrape;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{what} did not move within 20 s. Last scrape:\n{scrape.Text}");
            await Task.Delay(100);
        }
    }

    public async Task DisposeAsync()
    {
        HttpA?.Dispose();
        HttpB?.Dispose();
        if (NodeA is not null) await NodeA.DisposeAsync();
        if (NodeB is not null) await NodeB.DisposeAsync();
        await Redis.DisposeAsync();
        await TestDatabase.DropAsync(Database);
    }
}

[CollectionDefinition(Name)]
public sealed class MetricsCollection : ICollectionFixture<MetricsFixture>
{
    public const string Name = "metrics";
}

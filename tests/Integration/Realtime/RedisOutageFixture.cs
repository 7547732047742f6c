using System.Net;
using System.Text.Json;
using Conflicto.Tests.Integration.Infrastructure;
using Conflicto.Tests.Integration.MultiNode;

namespace Conflicto.Tests.Integration.Realtime;

/// <summary>
/// Two real server processes sharing one database and a private Redis that the tests stop and
/// start (other tests' Redis is never touched). Their outage lines (<c>RedisAvailability</c>) are
/// logged at Information, so a test can count them in each node's output.
/// </summary>
public sealed class RedisOutageFixture : IAsyncLifetime
{
    public const string AvailabilityContext = "Conflicto.Server.Realtime.RedisAvailability";

    public string Database { get; private set; } = "";
    public RedisProcess Redis { get; } = new();
    public ServerProcess NodeA { get; private set; } = null!;
    public ServerProcess NodeB { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync("conflicto_redis_outage");
        await Redis.StartAsync();
        NodeA = await StartNodeAsync();
        NodeB = await StartNodeAsync();
    }

    /// <summary>Starts another node on the same database and Redis (the test disposes of it).</summary>
    public Task<ServerProcess> StartNodeAsync() => ServerProcess.StartAsync(Database, Redis.ConnectionString, new Dictionary<string, string>(MultiNodeFixture.FastRecovery)
    {
        [$"Serilog:MinimumLevel:Override:{AvailabilityContext}"] = "Information",
    });

    public Api ApiOn(ServerProcess node) => new(new HttpClient { BaseAddress = new Uri(node.BaseUrl) });

    /// <summary>Waits (bounded) until the node's readiness says Redis is up (<paramref name="up"/>) or down.</summary>
    public static async Task WaitForRedisAsync(ServerProcess node, bool up)
    {
        using var http = new HttpClient { BaseAddress = new Uri(node.BaseUrl) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var response = await http.GetAsync("/api/v1/health/ready");
            var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            var redis = body.GetProperty("checks").GetProperty("redis").GetString();
            if ((redis == "ok") == up && (response.StatusCode == HttpStatusCode.OK) == up) return;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{node.BaseUrl}: expected Redis {(up ? "up" : "down")}, ready says {(int)response.StatusCode} {redis}");
            await Task.Delay(200);
        }
    }

    /// <summary>The node's log lines (JSON, as the server writes them when its output is redirected) from <paramref name="context"/>.</summary>
    public static IReadOnlyList<(string Level, string Message)> LogLines(ServerProcess node, string context) =>
        [.. node.Output.Split('\n')
            .Where(line => line.StartsWith('{'))
            .Select(line => JsonDocument.Parse(line).RootElement)
            .Where(e => e.TryGetProperty("SourceContext", out var source) && source.GetString() == context)
            .Select(e => (e.TryGetProperty("@l", out var level) ? level.GetString()! : "Information", e.GetProperty("@m").GetString()!))];

    public async Task DisposeAsync()
    {
        await NodeA.DisposeAsync();
        await NodeB.DisposeAsync();
        await Redis.DisposeAsync();
        await TestDatabase.DropAsync(Database);
    }
}

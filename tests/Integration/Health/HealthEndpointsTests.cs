using System.Net;
using Conflicto.Tests.Integration.Infrastructure;

namespace Conflicto.Tests.Integration.Health;

/// <summary>Health probes, the root document and the served OpenAPI description.</summary>
[Collection(ApiCollection.Name)]
public sealed class HealthEndpointsTests(ConflictoApiFactory factory)
{
    private readonly Api _api = new(factory.CreateClient());

    [Theory]
    [InlineData("/api/v1/health/")]
    [InlineData("/api/v1/health/ready")]
    public async Task Health_WithDatabaseUp_IsHealthyWithDatabaseCheck(string url)
    {
        var health = await _api.GetJsonAsync(url);

        Assert.Equal("healthy", health["status"]!.GetValue<string>());
        Assert.Equal("ok", health["checks"]!["database"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(health["version"]!.GetValue<string>()));
        Assert.True((DateTime.UtcNow - health["timestamp"]!.GetValue<DateTime>().ToUniversalTime()).Duration() < TimeSpan.FromMinutes(5));
    }

    [Fact]
    public async Task Health_ReportsEachCheck_TheSchemaCurrentAndTheQueueFigures()
    {
        var health = await _api.GetJsonAsync("/api/v1/health/ready");

        var entries = health["entries"]!.AsObject();
        Assert.Equal(["node", "database", "processing", "connections", "catch_up"], entries.Select(e => e.Key)); // no Redis configured: no Redis check
        Assert.All(entries, e => Assert.Equal("healthy", e.Value!["status"]!.GetValue<string>()));
        Assert.Empty(health["failing"]!.AsArray());
        var database = entries["database"]!["data"]!;
        var latest = Path.GetFileNameWithoutExtension(Directory.GetFiles(Path.Combine(RepoRoot(), "sql", "migrations"), "*.sql").Order(StringComparer.Ordinal).Last());
        Assert.Equal(latest, database["latest_migration"]!.GetValue<string>());
        Assert.Empty(database["pending_migrations"]!.AsArray());
        var processing = entries["processing"]!["data"]!;
        foreach (var figure in new[] { "queue_depth", "queue_capacity", "queue_dropped", "workers", "workers_busy", "workers_idle", "pending", "failed", "failed_last_hour" })
            Assert.NotNull(processing[figure]);
        Assert.Equal(processing.ToJsonString(), health["processing"]!.ToJsonString()); // where clients read it before the checks existed
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !Directory.Exists(Path.Combine(dir.FullName, "sql", "migrations"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("sql/migrations not found above the test binaries");
    }

    [Fact]
    public async Task Live_IsHealthyWithoutChecks()
    {
        var health = await _api.GetJsonAsync("/api/v1/health/live");

        Assert.Equal("healthy", health["status"]!.GetValue<string>());
        Assert.Null(health["checks"]);
    }

    [Fact]
    public async Task Root_NamesTheServiceAndPointsAtOpenApiAndHealth()
    {
        var root = await _api.GetJsonAsync("/");

        Assert.Equal("Conflicto Realtime", root["name"]!.GetValue<string>());
        Assert.Equal("/openapi/v1.json", root["open_api"]!.GetValue<string>());
        Assert.Equal("/api/v1/health/", root["health"]!.GetValue<string>());
    }

    [Fact]
    public async Task OpenApi_DocumentListsTheLegacyPathsWithTrailingSlashes()
    {
        var response = await _api.Client.GetAsync("/openapi/v1.json");

        var document = await Api.ReadAsync(response, HttpStatusCode.OK);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("3.", document["openapi"]!.GetValue<string>(), StringComparison.Ordinal);
        var paths = document["paths"]!.AsObject();
        Assert.True(paths.ContainsKey("/api/v1/sessions/"), "missing /api/v1/sessions/");
        Assert.NotNull(paths["/api/v1/sessions/"]!["post"]);
        Assert.NotNull(paths["/api/v1/sessions/"]!["get"]);
        Assert.True(paths.ContainsKey("/api/v1/sessions/{sessionId}/join"));
        Assert.True(paths.ContainsKey("/api/v1/health/"));
    }

    [Theory]
    [InlineData("/api/v1/health/")]
    [InlineData("/api/v1/health/live")]
    public async Task Health_Post_Is405(string url)
    {
        var response = await _api.SendAsync(HttpMethod.Post, url, new { });

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }
}

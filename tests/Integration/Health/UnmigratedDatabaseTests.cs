using System.Net;
using Conflicto.Tests.Integration.Infrastructure;

namespace Conflicto.Tests.Integration.Health;

/// <summary>A server whose database was never migrated (Data:MigrateOnStartup=false on a fresh database).</summary>
public sealed class UnmigratedApiFactory() : ConfiguredApiFactory(new Dictionary<string, string> { ["Data:MigrateOnStartup"] = "false" });

/// <summary>A database that answers but lacks the schema is not ready: every statement would fail.</summary>
public sealed class UnmigratedDatabaseTests(UnmigratedApiFactory factory) : IClassFixture<UnmigratedApiFactory>
{
    [Fact]
    public async Task Ready_WithTheSchemaBehind_Is503NamingTheDatabaseAndTheFirstMissingMigration()
    {
        var api = new Api(factory.CreateClient());

        var ready = await api.GetJsonAsync("/api/v1/health/ready", HttpStatusCode.ServiceUnavailable);

        Assert.Equal("unhealthy", ready["status"]!.GetValue<string>());
        Assert.Equal(["database"], ready["failing"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.StartsWith("not migrated: ", ready["checks"]!["database"]!.GetValue<string>());
        Assert.Contains("0001_", ready["checks"]!["database"]!.GetValue<string>());
        Assert.NotEmpty(ready["entries"]!["database"]!["data"]!["pending_migrations"]!.AsArray());
    }
}

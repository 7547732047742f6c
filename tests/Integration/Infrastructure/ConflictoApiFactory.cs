using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Conflicto.Tests.Integration.Infrastructure;

/// <summary>
/// The real server (Program) on the test server, pointed at a fresh database of its own; start-up
/// applies sql/migrations exactly as in production. Shared by the tests of the "api" collection.
/// </summary>
public sealed class ConflictoApiFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        ConnectionString = await TestDatabase.CreateAsync();
        _ = Server; // start the host now: migrations run here, not inside the first test
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Postgres", ConnectionString);
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        // Background processing adds events of its own at its own pace; tests that count events
        // exactly run without it (jobs are still queued). Processing tests use ProcessingApiFactory.
        builder.UseSetting("Processing:Enabled", "false");
        builder.UseSetting("RateLimits:Enabled", "false"); // tests burst on purpose; RateLimitTests turn it on
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await TestDatabase.DropAsync(ConnectionString);
    }
}

[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<ConflictoApiFactory>
{
    public const string Name = "api";
}

using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Conflicto.Tests.Integration.Infrastructure;

/// <summary>
/// Like <see cref="ConflictoApiFactory"/> (the real server on the test server, a database of its
/// own) with extra settings, for tests that need the server configured differently. Use it as a
/// class fixture through a subclass naming the settings.
/// </summary>
public abstract class ConfiguredApiFactory(IReadOnlyDictionary<string, string> settings) : WebApplicationFactory<Program>, IAsyncLifetime
{
    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        ConnectionString = await TestDatabase.CreateAsync();
        _ = Server; // migrations run here, not inside the first test
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Postgres", ConnectionString);
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        builder.UseSetting("Processing:Enabled", "false"); // as in ConflictoApiFactory; settings may turn it on
        builder.UseSetting("RateLimits:Enabled", "false"); // tests burst on purpose; RateLimitTests turn it on
        foreach (var (key, value) in settings) builder.UseSetting(key, value);
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await TestDatabase.DropAsync(ConnectionString);
    }
}

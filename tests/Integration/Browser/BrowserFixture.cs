using Microsoft.Playwright;

namespace Conflicto.Tests.Integration.Browser;

/// <summary>
/// One server and one headless Debian chromium for all browser tests (started once: both are slow
/// to start). The browser is the system's (<c>/usr/bin/chromium</c>, or <c>CONFLICTO_CHROMIUM</c>),
/// driven by Playwright with ExecutablePath: Playwright never downloads a browser here.
/// Each test gets fresh browser contexts (separate storage: one per person).
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };
    public static readonly ViewportSize Laptop = new() { Width = 1280, Height = 800 };
    public static readonly ViewportSize Projector = new() { Width = 1920, Height = 1080 };

    private IPlaywright? _playwright;

    public BrowserServerFactory Server { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;
    public string BaseUrl => Server.BaseUrl;

    public async Task InitializeAsync()
    {
        Server = await BrowserServerFactory.StartAsync();
        var executable = Environment.GetEnvironmentVariable("CONFLICTO_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";
        if (!File.Exists(executable))
            throw new InvalidOperationException($"Browser tests need Debian's chromium at {executable} (apt-get install chromium; scripts/test.sh installs it), or CONFLICTO_CHROMIUM set to a Chromium binary.");
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            // As root in a container: no sandbox. The rest keeps Chromium off the closed network.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
        });
    }

    /// <summary>A new person: a browser context of its own (own storage), with one page.</summary>
    public async Task<IPage> NewPageAsync(ViewportSize viewport)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = viewport, BaseURL = BaseUrl });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
        if (Server is not null) await Server.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}

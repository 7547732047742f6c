using Microsoft.Playwright;

namespace Conflicto.Tests.Integration.Browser;

/// <summary>The interactive API reference works where venues have no internet: everything it loads comes from the server.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ApiReferencePageTests(BrowserFixture browser)
{
    [Fact]
    public async Task Developer_WithoutInternet_ReadsTheReferenceOfEveryRoute()
    {
        var page = await browser.NewPageAsync(BrowserFixture.Laptop);
        var elsewhere = new List<string>();
        // Offline: any request for another host is refused, and counted.
        await page.RouteAsync("**/*", async route =>
        {
            if (route.Request.Url.StartsWith(browser.BaseUrl, StringComparison.Ordinal)) await route.ContinueAsync();
            else { lock (elsewhere) elsewhere.Add(route.Request.Url); await route.AbortAsync(); }
        });
        await BrowserStory.RunAsync(nameof(Developer_WithoutInternet_ReadsTheReferenceOfEveryRoute), [page], async () =>
        {
            await page.GotoAsync("/scalar/");

            await Assertions.Expect(page.GetByText("Whether the process answers at all (no checks)").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await page.GetByRole(AriaRole.Button, new() { Name = "Open Group - Sessions" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Create a session" })).ToBeVisibleAsync();
            Assert.Contains("Conflicto Realtime", await page.TitleAsync());
            Assert.Empty(elsewhere);
        });
    }
}

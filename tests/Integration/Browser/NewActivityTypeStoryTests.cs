using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;
using static Conflicto.Tests.Integration.Browser.BrowserPeople;

namespace Conflicto.Tests.Integration.Browser;

/// <summary>A ranking through all three pages: the host builds it in the console, a phone orders the items with the ▲ buttons, the big screen shows the Borda count.</summary>
[Collection(BrowserCollection.Name)]
public sealed class NewActivityTypeStoryTests(BrowserFixture browser)
{
    [Fact]
    public async Task Host_CreatesARanking_APhoneOrdersItByButtons_AndTheBigScreenShowsThePoints()
    {
        var host = await browser.NewPageAsync(BrowserFixture.Laptop);
        var screen = await browser.NewPageAsync(BrowserFixture.Projector);
        var phone = await browser.NewPageAsync(BrowserFixture.Phone);
        await BrowserStory.RunAsync(nameof(Host_CreatesARanking_APhoneOrdersItByButtons_AndTheBigScreenShowsThePoints), [host, screen, phone], async () =>
        {
            await host.GotoAsync("/host");
            await host.GetByLabel("Title").FillAsync("Retro");
            await host.GetByRole(AriaRole.Button, new() { Name = "Create session" }).ClickAsync();
            await Expect(host).ToHaveURLAsync(new Regex(@"/host/\d+$"));
            var joinCode = host.GetByTestId("join-code");
            await Expect(joinCode).ToHaveTextAsync(new Regex("^[A-Z0-9]{8}$"));
            var code = await joinCode.InnerTextAsync();

            await host.GetByLabel("Type", new() { Exact = true }).SelectOptionAsync("ranking");
            await host.GetByLabel("Question", new() { Exact = true }).FillAsync("What matters most?");
            await host.GetByLabel("Option 1", new() { Exact = true }).FillAsync("Speed");
            await host.GetByLabel("Option 2", new() { Exact = true }).FillAsync("Price");
            await host.GetByRole(AriaRole.Button, new() { Name = "Add option" }).ClickAsync();
            await host.GetByLabel("Option 3", new() { Exact = true }).FillAsync("Support");
            await host.GetByRole(AriaRole.Button, new() { Name = "Add activity" }).ClickAsync();

            await screen.GotoAsync($"/screen/{code}");
            await JoinAsync(phone, code, "Ada");
            await host.Locator(".activity-list > li").Filter(new() { Has = host.GetByRole(AriaRole.Button, new() { Name = "What matters most?", Exact = true }) })
                .GetByRole(AriaRole.Button, new() { Name = "Open", Exact = true }).ClickAsync();
            await Expect(screen.GetByRole(AriaRole.Heading, new() { Name = "What matters most?" })).ToBeVisibleAsync();

            // Support to the top with two taps, then Price above Speed: Support, Price, Speed.
            await phone.GetByRole(AriaRole.Button, new() { Name = "Move Support up" }).ClickAsync();
            await phone.GetByRole(AriaRole.Button, new() { Name = "Move Support up" }).ClickAsync();
            await phone.GetByRole(AriaRole.Button, new() { Name = "Move Price up" }).ClickAsync();
            await Expect(phone.Locator(".rank-text")).ToHaveTextAsync(["Support", "Price", "Speed"]);
            await Expect(phone.GetByText("Price is now number 2.")).ToBeAttachedAsync();
            await phone.GetByRole(AriaRole.Button, new() { Name = "Send ranking" }).ClickAsync();
            await Expect(phone.Locator("#answer-status")).ToHaveTextAsync("Answer saved ✓");

            var first = screen.Locator(".results-rank").First;
            await Expect(first).ToContainTextAsync("Support");
            await Expect(first).ToContainTextAsync("2 points");
            await Expect(screen.Locator(".results-rank").Nth(1)).ToContainTextAsync("Price");
            await Expect(screen.Locator(".results-rank").Nth(2)).ToContainTextAsync("0 points");
            await Expect(host.Locator(".console-results .results-rank").First).ToContainTextAsync("Support");
            await Expect(phone.Locator("#results-summary")).ToContainTextAsync("Support ranks first with 2 points");
        });
    }
}

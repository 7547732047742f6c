using System.Text.RegularExpressions;
using Conflicto.Tests.Integration.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;
using static Conflicto.Tests.Integration.Browser.BrowserPeople;

namespace Conflicto.Tests.Integration.Browser;

/// <summary>
/// Whole live sessions through the three pages at once, as people run them: a host at a laptop,
/// a big screen on the projector, phones joining by the join URL. Nothing is reloaded: every count
/// arrives by push.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class LiveSessionStoryTests(BrowserFixture browser)
{
    private Api NewApi() => new(new HttpClient { BaseAddress = new Uri(browser.BaseUrl) });

    [Fact]
    public async Task Host_ThreePhones_AndTheBigScreen_RunAPoll_AndEveryoneSeesTheCounts()
    {
        var host = await browser.NewPageAsync(BrowserFixture.Laptop);
        var screen = await browser.NewPageAsync(BrowserFixture.Projector);
        var phones = new[] { await browser.NewPageAsync(BrowserFixture.Phone), await browser.NewPageAsync(BrowserFixture.Phone), await browser.NewPageAsync(BrowserFixture.Phone) };
        await BrowserStory.RunAsync(nameof(Host_ThreePhones_AndTheBigScreen_RunAPoll_AndEveryoneSeesTheCounts), [host, screen, .. phones], async () =>
        {
            await host.GotoAsync("/host");
            await host.GetByLabel("Title").FillAsync("Friday class");
            await host.GetByRole(AriaRole.Button, new() { Name = "Create session" }).ClickAsync();
            var code = await JoinCodeAsync(host);
            await host.GetByLabel("Question", new() { Exact = true }).FillAsync("Best colour?");
            await host.GetByLabel("Option 1", new() { Exact = true }).FillAsync("Red");
            await host.GetByLabel("Option 2", new() { Exact = true }).FillAsync("Blue");
            await host.GetByRole(AriaRole.Button, new() { Name = "Add activity" }).ClickAsync();

            await screen.GotoAsync($"/screen/{code}");
            await Expect(screen.GetByTestId("join-code")).ToHaveTextAsync(code);
            string[] names = ["Ada", "Bob", "Cy"];
            for (var i = 0; i < phones.Length; i++) await JoinAsync(phones[i], code, names[i]);
            await Expect(screen.GetByText($"{phones.Length} people have joined")).ToBeVisibleAsync();
            await Expect(host.GetByTestId("participant-count")).ToContainTextAsync($"{phones.Length} joined");

            await host.Locator(".activity-list > li").Filter(new() { Has = host.GetByRole(AriaRole.Button, new() { Name = "Best colour?", Exact = true }) })
                .GetByRole(AriaRole.Button, new() { Name = "Open", Exact = true }).ClickAsync();
            await Expect(screen.GetByRole(AriaRole.Heading, new() { Name = "Best colour?" })).ToBeVisibleAsync();
            string[] picks = ["Blue", "Red", "Blue"];
            for (var i = 0; i < phones.Length; i++)
            {
                await phones[i].GetByLabel(picks[i]).CheckAsync();
                await phones[i].GetByRole(AriaRole.Button, new() { Name = "Vote" }).ClickAsync();
                await Expect(phones[i].Locator("#answer-status")).ToHaveTextAsync("Answer saved ✓");
            }

            await Expect(screen.GetByTestId("answered")).ToHaveTextAsync($"{phones.Length} of {phones.Length} answered");
            foreach (var option in new[] { "Red", "Blue" })
            {
                var votes = picks.Count(p => p == option);
                var percent = Math.Round(100.0 * votes / picks.Length, 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
                await Expect(screen.GetByRole(AriaRole.Listitem).Filter(new() { HasText = option })).ToContainTextAsync($"{percent}% ({votes})");
                await Expect(host.Locator(".console-results li").Filter(new() { HasText = option })
                    .GetByLabel(votes == 1 ? "1 vote" : $"{votes} votes", new() { Exact = true })).ToBeVisibleAsync();
            }
            await Expect(phones[0].Locator("#results-summary")).ToContainTextAsync("Blue leads");
        });
    }

    [Fact]
    public async Task Host_RejectsAQuestionFromAPhone_AndItLeavesTheBigScreen()
    {
        var api = NewApi();
        var session = await api.CreateSessionAsync("Town hall");
        await api.CreateActiveActivityAsync(session, "qa", new { topic = "Ask the CEO" }, "Ask the CEO");
        var host = await browser.NewPageAsync(BrowserFixture.Laptop);
        var screen = await browser.NewPageAsync(BrowserFixture.Projector);
        var phone = await browser.NewPageAsync(BrowserFixture.Phone);
        await BrowserStory.RunAsync(nameof(Host_RejectsAQuestionFromAPhone_AndItLeavesTheBigScreen), [host, screen, phone], async () =>
        {
            await OpenConsoleAsync(host, session);
            await screen.GotoAsync($"/screen/{session.JoinCode}");
            await JoinAsync(phone, session.JoinCode, "Dee");

            foreach (var question in new[] { "When is the next release?", "Buy cheap watches here" })
            {
                await phone.GetByLabel("Ask the CEO").FillAsync(question);
                await phone.GetByRole(AriaRole.Button, new() { Name = "Ask", Exact = true }).ClickAsync();
                await Expect(phone.Locator("#answer-status")).ToHaveTextAsync("Answer saved ✓");
            }
            // Exact: the screen's results caption (for screen readers) quotes the top question too.
            await Expect(screen.GetByText("Buy cheap watches here", new() { Exact = true })).ToBeVisibleAsync();

            await host.GetByRole(AriaRole.Button, new() { Name = "Reject \"Buy cheap watches here\"" }).ClickAsync();

            await Expect(screen.GetByText("Buy cheap watches here", new() { Exact = true })).ToHaveCountAsync(0);
            await Expect(screen.GetByText("When is the next release?", new() { Exact = true })).ToBeVisibleAsync();
            await Expect(phone.GetByText("Buy cheap watches here")).ToHaveCountAsync(0);
        });
    }

    private static async Task<string> JoinCodeAsync(IPage host)
    {
        await Expect(host).ToHaveURLAsync(new Regex(@"/host/\d+$"));
        var joinCode = host.GetByTestId("join-code");
        await Expect(joinCode).ToHaveTextAsync(new Regex("^[A-Z0-9]{8}$"));
        return await joinCode.InnerTextAsync();
    }
}

using System.Globalization;
using Conflicto.Tests.Integration.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;
using static Conflicto.Tests.Integration.Browser.BrowserPeople;

namespace Conflicto.Tests.Integration.Browser;

/// <summary>
/// The host console while people arrive in a burst (everyone scans the QR code at once): the
/// count follows each batch of joins at once, the list is coalesced. The page's clock is
/// Playwright's fake one, paused during the burst, so "how often the list re-renders" is counted
/// against timers that only run when the test says so, not against the machine's speed.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class HostArrivalsTests(BrowserFixture browser)
{
    private Api NewApi() => new(new HttpClient { BaseAddress = new Uri(browser.BaseUrl) });

    [Fact]
    public async Task Host_DuringABurstOfJoins_SeesTheCountFollowAtOnce_AndTheListRenderedOnceForTheBurst()
    {
        var api = NewApi();
        var session = await api.CreateSessionAsync("Join storm");
        var page = await browser.NewPageAsync(BrowserFixture.Laptop);
        await page.Clock.InstallAsync();
        await BrowserStory.RunAsync(nameof(Host_DuringABurstOfJoins_SeesTheCountFollowAtOnce_AndTheListRenderedOnceForTheBurst), [page], async () =>
        {
            await OpenConsoleAsync(page, session);
            var count = page.GetByTestId("participant-count");
            var list = page.GetByTestId("participant-list");
            await Expect(count).ToContainTextAsync("0 joined");
            var now = await page.EvaluateAsync<long>("Date.now()");
            await page.Clock.PauseAtAsync(DateTimeOffset.FromUnixTimeMilliseconds(now + 1000).UtcDateTime);
            var before = await RendersAsync(list);

            var people = await Task.WhenAll(Enumerable.Range(1, 30).Select(i => api.JoinAsync(session, $"Guest {i:00}")));

            // The count follows every join without waiting for a timer; the list has not been
            // re-rendered once per join (its next render waits for the clock).
            await Expect(count).ToContainTextAsync("30 joined");
            Assert.Equal(before, await RendersAsync(list));

            await page.Clock.RunForAsync(1000);
            await Expect(list.GetByRole(AriaRole.Listitem)).ToHaveCountAsync(people.Length);
            foreach (var person in people) await Expect(list).ToContainTextAsync(person.Nickname);
            Assert.Equal(before + 1, await RendersAsync(list));
        });
    }

    [Fact]
    public async Task Host_OfALargeRoom_SeesTheFirst200Listed_AndHowManyMore()
    {
        var api = NewApi();
        var session = await api.CreateSessionAsync("Large room", maxParticipants: 300);
        foreach (var chunk in Enumerable.Range(1, 230).Chunk(25))
            await Task.WhenAll(chunk.Select(i => api.JoinAsync(session, $"Guest {i:000}")));
        var page = await browser.NewPageAsync(BrowserFixture.Laptop);
        await BrowserStory.RunAsync(nameof(Host_OfALargeRoom_SeesTheFirst200Listed_AndHowManyMore), [page], async () =>
        {
            await OpenConsoleAsync(page, session);
            await Expect(page.GetByTestId("participant-count")).ToContainTextAsync("230 joined");
            var list = page.GetByTestId("participant-list");
            await Expect(list.GetByRole(AriaRole.Listitem)).ToHaveCountAsync(200);
            await Expect(list).ToContainTextAsync("and 30 more");

            await api.JoinAsync(session, "Latecomer");
            await Expect(page.GetByTestId("participant-count")).ToContainTextAsync("231 joined");
            await Expect(list).ToContainTextAsync("and 31 more");
            await Expect(list).Not.ToContainTextAsync("Latecomer"); // in joining order: the 231st is one of the "more"
        });
    }

    private static async Task<int> RendersAsync(ILocator list) =>
        int.Parse(await list.GetAttributeAsync("data-renders") ?? "0", CultureInfo.InvariantCulture);
}

using System.Net;
using Conflicto.Tests.Integration.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Conflicto.Tests.Integration.Browser;

/// <summary>The big screen's replay (/screen/{code}?replay=1): the host plays a session back with the charts the room saw.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ReplayTests(BrowserFixture browser)
{
    private Api NewApi() => new(new HttpClient { BaseAddress = new Uri(browser.BaseUrl) });

    private static object Colours => new { question = "Which colour wins?", options = new[] { "Red", "Blue", "Green" } };

    private static ILocator Chart(IPage page) => page.Locator(".screen-activity__chart");

    [Fact]
    public async Task Host_WhoEndedTheSession_ReplaysItAt16x_AndSeesTheFinalChartTheRoomSaw()
    {
        var api = NewApi();
        var session = await api.CreateSessionAsync("Replayed all-hands");
        var screen = await browser.NewPageAsync(BrowserFixture.Projector);
        var host = await browser.NewPageAsync(BrowserFixture.Projector);
        host.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await BrowserStory.RunAsync(nameof(Host_WhoEndedTheSession_ReplaysItAt16x_AndSeesTheFinalChartTheRoomSaw), [screen, host], async () =>
        {
            await screen.GotoAsync($"/screen/{session.JoinCode}");
            await Expect(screen.Locator("#connection")).ToHaveTextAsync("Live");
            await BrowserPeople.OpenConsoleAsync(host, session);
            var people = new List<Api.Participant>();
            foreach (var name in new[] { "Ann", "Bob", "Cem" }) people.Add(await api.JoinAsync(session, name));
            var poll = await api.CreateActiveActivityAsync(session, "poll", Colours, "Colours");
            foreach (var (person, option) in people.Zip(new[] { 1, 1, 0 }))
                await Api.ReadAsync(await api.SubmitAsync(person, poll, new { option_index = option }), HttpStatusCode.Created);
            await api.TransitionAsync(session, poll, "expired");
            await Expect(screen.GetByText("Voting closed")).ToBeVisibleAsync();
            // The chart, not "answered N of M": the live count of people present follows presence pushes.
            await Expect(Chart(screen)).ToContainTextAsync("66.7% (2)");
            var liveChart = await Chart(screen).InnerTextAsync();
            await host.GetByRole(AriaRole.Button, new() { Name = "End session" }).ClickAsync();
            await Expect(screen.GetByRole(AriaRole.Heading, new() { Name = "Thank you!" })).ToBeVisibleAsync();
            // The end-of-session slide once the session.summary event is in (it follows the completion).
            await Expect(screen.Locator(".screen-done__list")).ToContainTextAsync("answered");
            var liveSummary = await screen.Locator(".screen-done__list").InnerTextAsync();

            // The summary's replay link opens the big screen's replay in the same tab (it has the admin code).
            await host.GetByTestId("replay-link").ClickAsync();
            await Expect(host).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/screen/{session.JoinCode}\\?replay=1$"));
            await Expect(host.Locator("#connection")).ToHaveTextAsync("Replay");
            await host.GetByRole(AriaRole.Button, new() { Name = "16×" }).ClickAsync();
            await Expect(host.GetByRole(AriaRole.Button, new() { Name = "16×" })).ToHaveAttributeAsync("aria-pressed", "true");

            // It ends as the session did, and the summary shows the live results.
            await Expect(host.GetByRole(AriaRole.Heading, new() { Name = "Thank you!" })).ToBeVisibleAsync();
            await Expect(host.GetByTestId("replay-play")).ToHaveTextAsync("Play again");
            Assert.Equal(liveSummary, await host.Locator(".screen-done__list").InnerTextAsync());
            var time = await host.GetByTestId("replay-time").InnerTextAsync();
            Assert.Equal(time.Split(" / ")[1], time.Split(" / ")[0]);

            // One event back (the arrow keys step event by event): the closed poll's final chart, as the room saw it.
            var timeline = host.GetByTestId("replay-timeline");
            await timeline.FocusAsync();
            for (var step = 0; step < 5 && !await host.GetByText("Voting closed").IsVisibleAsync(); step++) await timeline.PressAsync("ArrowLeft");
            await Expect(host.GetByText("Voting closed")).ToBeVisibleAsync();
            await Expect(host.GetByTestId("answered")).ToHaveTextAsync("3 of 3 answered");
            Assert.Equal(liveChart, await Chart(host).InnerTextAsync());
            // No join card in a replay: it is not an invitation.
            await Expect(host.GetByTestId("join-code")).ToBeHiddenAsync();
        });
    }

    [Fact]
    public async Task Host_OfARunningSession_OpensTheReplayFromTheMenu_AndAStrangerIsAskedForTheAdminCode()
    {
        var api = NewApi();
        var session = await api.CreateSessionAsync("Still running");
        await api.JoinAsync(session, "Ann");
        var host = await browser.NewPageAsync(BrowserFixture.Laptop);
        var stranger = await browser.NewPageAsync(BrowserFixture.Phone);
        await BrowserStory.RunAsync(nameof(Host_OfARunningSession_OpensTheReplayFromTheMenu_AndAStrangerIsAskedForTheAdminCode), [host, stranger], async () =>
        {
            await BrowserPeople.OpenConsoleAsync(host, session);
            await host.GetByText("More").ClickAsync();
            var replay = await host.Context.RunAndWaitForPageAsync(() => host.GetByRole(AriaRole.Link, new() { Name = "Replay so far" }).ClickAsync());
            await Expect(replay.Locator("#connection")).ToHaveTextAsync("Replay");
            await Expect(replay.GetByText("1 person has joined")).ToBeVisibleAsync();
            await Expect(replay.GetByTestId("replay-time")).ToBeVisibleAsync();

            await stranger.GotoAsync($"/screen/{session.JoinCode}?replay=1");
            await stranger.GetByLabel("Admin code").FillAsync("WRONGCODE");
            await stranger.GetByRole(AriaRole.Button, new() { Name = "Open the replay" }).ClickAsync();
            await Expect(stranger.GetByRole(AriaRole.Alert)).ToContainTextAsync("does not open this session's recording");
            await stranger.GetByLabel("Admin code").FillAsync(session.AdminCode);
            await stranger.GetByRole(AriaRole.Button, new() { Name = "Open the replay" }).ClickAsync();
            await Expect(stranger.GetByText("1 person has joined")).ToBeVisibleAsync();
        });
    }
}

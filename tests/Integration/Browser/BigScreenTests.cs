using System.Net;
using System.Text.RegularExpressions;
using Conflicto.Tests.Integration.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Conflicto.Tests.Integration.Browser;

/// <summary>The big screen (/screen/{code}): what a room sees on the projector, without a login.</summary>
[Collection(BrowserCollection.Name)]
public sealed class BigScreenTests(BrowserFixture browser)
{
    private Api NewApi() => new(new HttpClient { BaseAddress = new Uri(browser.BaseUrl) });

    private static object Colours => new { question = "Which colour wins?", options = new[] { "Red", "Blue", "Green" } };

    private static ILocator Option(IPage page, string text) =>
        page.GetByRole(AriaRole.Listitem).Filter(new() { HasText = text });

    [Fact]
    public async Task BigScreen_ShowsTheLobby_ThenThePollTheHostOpens_AndVotesAsTheyCome()
    {
        var api = NewApi();
        var session = await api.CreateSessionAsync("Friday all-hands");
        var page = await browser.NewPageAsync(BrowserFixture.Projector);
        await BrowserStory.RunAsync(nameof(BigScreen_ShowsTheLobby_ThenThePollTheHostOpens_AndVotesAsTheyCome), [page], async () =>
        {
            await page.GotoAsync($"/screen/{session.JoinCode}");

            await Expect(page.GetByTestId("join-code")).ToHaveTextAsync(session.JoinCode);
            await Expect(page.GetByRole(AriaRole.Img, new() { Name = $"QR code to join the session with code {session.JoinCode}" })).ToBeVisibleAsync();
            await Expect(page.GetByText("0 people have joined")).ToBeVisibleAsync();
            await Expect(page.Locator("#connection")).ToHaveTextAsync("Live");

            var ann = await api.JoinAsync(session, "Ann");
            var bob = await api.JoinAsync(session, "Bob");
            var cem = await api.JoinAsync(session, "Cem");
            await Expect(page.GetByText("3 people have joined")).ToBeVisibleAsync();

            var poll = await api.CreateActiveActivityAsync(session, "poll", Colours, "Colours");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Which colour wins?" })).ToBeVisibleAsync();
            await Expect(page.GetByTestId("answered")).ToHaveTextAsync("0 of 3 answered");

            await api.SubmitAsync(ann, poll, new { option_index = 1 });
            await api.SubmitAsync(bob, poll, new { option = "Blue" });
            await api.SubmitAsync(cem, poll, new { option_index = 0 });

            await Expect(page.GetByTestId("answered")).ToHaveTextAsync("3 of 3 answered");
            await Expect(Option(page, "Blue")).ToContainTextAsync("66.7% (2)");
            await Expect(Option(page, "Red")).ToContainTextAsync("33.3% (1)");
            await Expect(Option(page, "Green")).ToContainTextAsync("0% (0)");
            // The join code stays on screen (in a corner) for late arrivals.
            await Expect(page.GetByTestId("join-code")).ToBeVisibleAsync();
        });
    }

    [Fact]
    public async Task BigScreen_AndTheHost_OnSlimStateChanges_ShowThePollWithItsQuestion_ThroughOpenAndClose()
    {
        var api = NewApi();
        var session = await api.CreateSessionAsync("Slim screen");
        var poll = await api.CreateActivityAsync(session, "poll", Colours, "Colours");
        var host = await browser.NewPageAsync(BrowserFixture.Laptop);
        var screen = await browser.NewPageAsync(BrowserFixture.Projector);
        // Every activity.state_changed reaches both pages without the activity's content (v2 shape).
        (await HubStreamProxy.AttachAsync(host)).SlimStateChanges = true;
        (await HubStreamProxy.AttachAsync(screen)).SlimStateChanges = true;
        var screenReads = 0;
        screen.Request += (_, request) =>
        {
            if (Regex.IsMatch(new Uri(request.Url).AbsolutePath, "^/api/v1/activities/[0-9a-f-]+$")) Interlocked.Increment(ref screenReads);
        };
        await BrowserStory.RunAsync(nameof(BigScreen_AndTheHost_OnSlimStateChanges_ShowThePollWithItsQuestion_ThroughOpenAndClose), [host, screen], async () =>
        {
            await BrowserPeople.OpenConsoleAsync(host, session);
            await screen.GotoAsync($"/screen/{session.JoinCode}");
            await Expect(screen.Locator("#connection")).ToHaveTextAsync("Live");
            var ann = await api.JoinAsync(session, "Ann");

            var card = host.Locator(".activity-list > li").Filter(new() { HasText = "Colours" });
            await card.GetByRole(AriaRole.Button, new() { Name = "Open", Exact = true }).ClickAsync();
            await Expect(card).ToContainTextAsync("Current");
            await Expect(screen.GetByRole(AriaRole.Heading, new() { Name = "Which colour wins?" })).ToBeVisibleAsync();

            await Api.ReadAsync(await api.SubmitAsync(ann, poll, new { option_index = 1 }), HttpStatusCode.Created);
            await Expect(Option(screen, "Blue")).ToContainTextAsync("100% (1)");
            await Expect(host.Locator(".console-results li").Filter(new() { HasText = "Blue" }).GetByLabel("1 vote", new() { Exact = true })).ToBeVisibleAsync();

            await card.GetByRole(AriaRole.Button, new() { Name = "Close", Exact = true }).ClickAsync();
            await Expect(card).ToContainTextAsync("Closed");
            await Expect(screen.GetByText("Voting closed")).ToBeVisibleAsync();
            await Expect(Option(screen, "Blue")).ToContainTextAsync("100% (1)");
            // The screen had only the draft stub: it read the poll once, then merged each slim change.
            Assert.Equal(1, Volatile.Read(ref screenReads));
        });
    }

    [Fact]
    public async Task RefreshedBigScreen_ShowsTheCurrentChartAtOnce()
    {
        var api = NewApi();
        var session = await api.CreateSessionAsync();
        var voters = new List<Api.Participant>();
        for (var i = 0; i < 3; i++) voters.Add(await api.JoinAsync(session, $"Voter {i}"));
        var poll = await api.CreateActiveActivityAsync(session, "poll", Colours);
        await api.SubmitAsync(voters[0], poll, new { option_index = 2 });
        var page = await browser.NewPageAsync(BrowserFixture.Projector);
        await BrowserStory.RunAsync(nameof(RefreshedBigScreen_ShowsTheCurrentChartAtOnce), [page], async () =>
        {
            await page.GotoAsync($"/screen/{session.JoinCode}");
            await Expect(Option(page, "Green")).ToContainTextAsync("100% (1)");

            await api.SubmitAsync(voters[1], poll, new { option_index = 2 });
            await api.SubmitAsync(voters[2], poll, new { option_index = 0 });
            await page.ReloadAsync();

            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Which colour wins?" })).ToBeVisibleAsync(new() { Timeout = 5_000 });
            await Expect(Option(page, "Green")).ToContainTextAsync("66.7% (2)", new() { Timeout = 5_000 });
            await Expect(Option(page, "Red")).ToContainTextAsync("33.3% (1)");
            await Expect(page.GetByTestId("answered")).ToHaveTextAsync("3 of 3 answered");
        });
    }

    [Fact]
    public async Task BigScreenOfAQa_RanksQuestionsByVotes_AndDropsTheOneTheHostRejects()
    {
        var api = NewApi();
        var session = await api.CreateSessionAsync();
        var ann = await api.JoinAsync(session, "Ann");
        var bob = await api.JoinAsync(session, "Bob");
        var qa = await api.CreateActiveActivityAsync(session, "qa", new { topic = "Ask the CEO" });
        async Task<Guid> Ask(Api.Participant who, string question) =>
            Guid.Parse((await Api.ReadAsync(await api.SubmitAsync(who, qa, new { question }), HttpStatusCode.Created))["id"]!.GetValue<string>());
        var page = await browser.NewPageAsync(BrowserFixture.Projector);
        await BrowserStory.RunAsync(nameof(BigScreenOfAQa_RanksQuestionsByVotes_AndDropsTheOneTheHostRejects), [page], async () =>
        {
            await page.GotoAsync($"/screen/{session.JoinCode}");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Ask the CEO" })).ToBeVisibleAsync();

            var roadmap = await Ask(ann, "What is on the roadmap?");
            var spam = await Ask(bob, "Buy cheap watches here");
            var bonus = await Ask(bob, "Is there a bonus this year?");
            await api.SubmitAsync(ann, qa, new { upvote = bonus.ToString() });
            await api.SubmitAsync(bob, qa, new { upvote = bonus.ToString() });
            await api.SubmitAsync(bob, qa, new { upvote = roadmap.ToString() });

            var questions = page.GetByRole(AriaRole.Listitem);
            await Expect(questions).ToHaveTextAsync([new Regex("^2 ?votes ?Is there a bonus"), new Regex("^1 ?vote ?What is on the roadmap"), new Regex("^0 ?votes ?Buy cheap watches")]);

            await api.SendAsync(HttpMethod.Post, $"/api/v1/responses/{spam}/moderation", new { decision = "reject" }, adminCode: session.AdminCode);

            await Expect(page.GetByText("Buy cheap watches here")).ToHaveCountAsync(0);
            await Expect(questions).ToHaveCountAsync(2);
        });
    }

    [Fact]
    public async Task BigScreen_WithAWrongCode_SaysSo()
    {
        var page = await browser.NewPageAsync(BrowserFixture.Projector);
        await BrowserStory.RunAsync(nameof(BigScreen_WithAWrongCode_SaysSo), [page], async () =>
        {
            await page.GotoAsync("/screen/NOPE0000");

            await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("No session has the code “NOPE0000”");
        });
    }
}

using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Conflicto.Tests.Integration.Infrastructure;
using Microsoft.Playwright;
using static Conflicto.Tests.Integration.Browser.BrowserPeople;

namespace Conflicto.Tests.Integration.Browser;

/// <summary>The host console at /host and /host/{id}: participants are simulated over REST.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class HostConsoleTests(BrowserFixture browser)
{
    private Api NewApi() => new(new HttpClient { BaseAddress = new Uri(browser.BaseUrl) });

    [Fact]
    public async Task Host_WhoCreatesASessionAndAPoll_SeesParticipantsArriveAndVotesCounted()
    {
        var api = NewApi();
        var page = await browser.NewPageAsync(BrowserFixture.Laptop);
        await BrowserStory.RunAsync(nameof(Host_WhoCreatesASessionAndAPoll_SeesParticipantsArriveAndVotesCounted), [page], async () =>
        {
            await page.GotoAsync("/host");
            await page.GetByLabel("Title").FillAsync("Monday standup");
            await page.GetByRole(AriaRole.Button, new() { Name = "Create session" }).ClickAsync();

            await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/host/\d+$"));
            var joinCode = page.GetByTestId("join-code");
            await Assertions.Expect(joinCode).ToHaveTextAsync(new Regex("^[A-Z0-9]{8}$"));
            var code = await joinCode.InnerTextAsync();
            var qr = page.GetByRole(AriaRole.Img, new() { Name = $"QR code to join session {code}" });
            await Assertions.Expect(qr).ToHaveAttributeAsync("src", $"/qr/{code}.svg");
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Present" })).ToBeVisibleAsync();
            var session = await SessionOfPageAsync(page, code);

            await page.GetByLabel("Question", new() { Exact = true }).FillAsync("Best colour?");
            await page.GetByLabel("Option 1", new() { Exact = true }).FillAsync("Red");
            await page.GetByLabel("Option 2", new() { Exact = true }).FillAsync("Blue");
            await page.GetByRole(AriaRole.Button, new() { Name = "Add activity" }).ClickAsync();
            await ActivityCard(page, "Best colour?").GetByRole(AriaRole.Button, new() { Name = "Open", Exact = true }).ClickAsync();
            await Assertions.Expect(ActivityCard(page, "Best colour?")).ToContainTextAsync("Current");

            var ada = await api.JoinAsync(session, "Ada");
            var bob = await api.JoinAsync(session, "Bob");
            var cy = await api.JoinAsync(session, "Cy");
            await Assertions.Expect(page.GetByTestId("participant-count")).ToContainTextAsync("3 joined");
            await Assertions.Expect(page.GetByRole(AriaRole.List, new() { Name = "Participants" })).ToContainTextAsync("Bob");

            var poll = await SingleActivityIdAsync(api, session);
            var votes = new[] { (ada, "Red"), (bob, "Blue"), (cy, "Red") };
            foreach (var (who, option) in votes)
                await Api.ReadAsync(await api.SubmitAsync(who, poll, new { selected_options = new[] { option } }), HttpStatusCode.Created);

            var results = page.Locator(".console-results li");
            await Assertions.Expect(results.Filter(new() { HasText = "Red" }).GetByLabel(Votes(votes.Count(v => v.Item2 == "Red")), new() { Exact = true })).ToBeVisibleAsync();
            await Assertions.Expect(results.Filter(new() { HasText = "Blue" }).GetByLabel(Votes(votes.Count(v => v.Item2 == "Blue")), new() { Exact = true })).ToBeVisibleAsync();
        });
    }

    [Fact]
    public async Task Host_AddingEachActivityType_CreatesItWithItsConfiguration()
    {
        var api = NewApi();
        var session = await api.CreateSessionAsync("Every type");
        var page = await browser.NewPageAsync(BrowserFixture.Laptop);
        await BrowserStory.RunAsync(nameof(Host_AddingEachActivityType_CreatesItWithItsConfiguration), [page], async () =>
        {
            await OpenConsoleAsync(page, session);
            var add = page.GetByRole(AriaRole.Button, new() { Name = "Add activity" });
            var type = page.GetByLabel("Type", new() { Exact = true });
            var added = page.Locator(".add-activity [role=status]");

            await page.GetByLabel("Question", new() { Exact = true }).FillAsync("Lunch?");
            await page.GetByLabel("Option 1", new() { Exact = true }).FillAsync("Pizza");
            await page.GetByLabel("Option 2", new() { Exact = true }).FillAsync("Soup");
            await page.GetByRole(AriaRole.Button, new() { Name = "Add option" }).ClickAsync();
            await page.GetByLabel("Option 3", new() { Exact = true }).FillAsync("Salad");
            await page.GetByLabel("Allow several choices").CheckAsync();
            await add.ClickAsync();
            await Assertions.Expect(added).ToContainTextAsync("Added \"Lunch?\"");

            await type.SelectOptionAsync("word_cloud");
            await page.GetByLabel("Prompt").FillAsync("One word for today");
            await page.GetByLabel("Words per participant").FillAsync("2");
            await page.GetByLabel("Banned words (comma separated)").FillAsync("darn, heck");
            await page.GetByLabel("Moderate (the host approves or rejects)").CheckAsync();
            await add.ClickAsync();
            await Assertions.Expect(added).ToContainTextAsync("Added \"One word for today\"");

            await type.SelectOptionAsync("qa");
            await page.GetByLabel("Topic").FillAsync("Roadmap");
            await page.GetByLabel("Moderate (the host approves or rejects)").CheckAsync();
            await add.ClickAsync();
            await Assertions.Expect(added).ToContainTextAsync("Added \"Roadmap\"");

            await type.SelectOptionAsync("planning_poker");
            await page.GetByLabel("Story").FillAsync("Login page");
            await page.GetByLabel("Card deck (comma separated)").FillAsync("1, 2, 3, ?");
            await add.ClickAsync();
            await Assertions.Expect(added).ToContainTextAsync("Added \"Login page\"");

            await type.SelectOptionAsync("qna");
            await page.GetByLabel("Topic").FillAsync("Legacy questions");
            await add.ClickAsync();
            await Assertions.Expect(added).ToContainTextAsync("Added \"Legacy questions\"");

            await type.SelectOptionAsync("poll_legacy");
            await page.GetByLabel("Question", new() { Exact = true }).FillAsync("Old poll");
            await page.GetByLabel("Option 1", new() { Exact = true }).FillAsync("Yes");
            await page.GetByLabel("Option 2", new() { Exact = true }).FillAsync("No");
            await page.GetByLabel("Allow several choices").CheckAsync();
            await add.ClickAsync();
            await Assertions.Expect(added).ToContainTextAsync("Added \"Old poll\"");

            await type.SelectOptionAsync("custom");
            await page.GetByLabel("Type id").FillAsync("thermometer");
            await page.GetByLabel("Configuration (JSON)").FillAsync("{ \"scale\": 10, ");
            await add.ClickAsync();
            await Assertions.Expect(page.Locator(".add-activity [role=alert]")).ToContainTextAsync("not valid JSON");
            await page.GetByLabel("Configuration (JSON)").FillAsync("{ \"scale\": 10 }");
            await add.ClickAsync();
            await Assertions.Expect(added).ToContainTextAsync("Added \"thermometer\"");

            var activities = (await api.GetJsonAsync($"/api/v1/sessions/{session.Id}/activities", adminCode: session.AdminCode))["activities"]!.AsArray();
            JsonNode Config(string title) => activities.Single(a => a!["title"]!.GetValue<string>() == title)!["configuration"]!;
            string TypeOf(string title) => activities.Single(a => a!["title"]!.GetValue<string>() == title)!["activity_type"]!.GetValue<string>();

            Assert.Equal(7, activities.Count);
            Assert.Equal(["Pizza", "Soup", "Salad"], Config("Lunch?")["options"]!.AsArray().Select(o => o!.GetValue<string>()));
            Assert.True(Config("Lunch?")["allow_multiple"]!.GetValue<bool>());
            Assert.Equal("word_cloud", TypeOf("One word for today"));
            Assert.Equal(2, Config("One word for today")["max_words_per_participant"]!.GetValue<int>());
            Assert.Equal(["darn", "heck"], Config("One word for today")["banned_words"]!.AsArray().Select(o => o!.GetValue<string>()));
            Assert.True(Config("One word for today")["moderation"]!.GetValue<bool>());
            Assert.Equal("qa", TypeOf("Roadmap"));
            Assert.True(Config("Roadmap")["moderation"]!.GetValue<bool>());
            Assert.Equal("planning_poker", TypeOf("Login page"));
            Assert.Equal(["1", "2", "3", "?"], Config("Login page")["card_values"]!.AsArray().Select(o => o!.GetValue<string>()));
            Assert.Equal("qna", TypeOf("Legacy questions"));
            Assert.True(Config("Legacy questions")["enable_voting"]!.GetValue<bool>());
            Assert.True(Config("Old poll")["allow_multiple_choice"]!.GetValue<bool>());
            Assert.Null(Config("Old poll")["allow_multiple"]);
            Assert.Equal("thermometer", TypeOf("thermometer"));
            Assert.Equal(10, Config("thermometer")["scale"]!.GetValue<int>());
        });
    }

    [Fact]
    public async Task Host_PressingNext_ClosesTheCurrentAndOpensTheNext_AndReorders()
    {
        var api = NewApi();
        var session = await api.CreateSessionAsync("Next and reorder");
        var first = await api.CreateActivityAsync(session, "poll", new { question = "First?", options = new[] { "A", "B" } }, "First");
        var second = await api.CreateActivityAsync(session, "word_cloud", new { prompt = "Second" }, "Second");
        var third = await api.CreateActivityAsync(session, "qa", new { topic = "Third" }, "Third");
        var page = await browser.NewPageAsync(BrowserFixture.Laptop);
        await BrowserStory.RunAsync(nameof(Host_PressingNext_ClosesTheCurrentAndOpensTheNext_AndReorders), [page], async () =>
        {
            await OpenConsoleAsync(page, session);
            var next = page.GetByRole(AriaRole.Button, new() { Name = "Next", Exact = true });

            await next.ClickAsync();
            await Assertions.Expect(ActivityCard(page, "First")).ToContainTextAsync("Current");
            await next.ClickAsync();
            await Assertions.Expect(ActivityCard(page, "Second")).ToContainTextAsync("Current");
            await Assertions.Expect(ActivityCard(page, "First")).ToContainTextAsync("Closed");
            Assert.Equal("expired", await StateAsync(api, session, first));
            Assert.Equal("active", await StateAsync(api, session, second));

            await page.GetByRole(AriaRole.Button, new() { Name = "Move Third up" }).ClickAsync();
            await Assertions.Expect(page.Locator(".activity-list > li").Nth(1)).ToContainTextAsync("Third");
            // Keyboard: the focus stays on the moved activity's button, so Enter moves it again.
            await page.Keyboard.PressAsync("Enter");
            await Assertions.Expect(page.Locator(".activity-list > li").Nth(0)).ToContainTextAsync("Third");

            var order = (await api.GetJsonAsync($"/api/v1/sessions/{session.Id}/activities", adminCode: session.AdminCode))["activities"]!.AsArray()
                .Select(a => Guid.Parse(a!["id"]!.GetValue<string>())).ToList();
            Assert.Equal([third, first, second], order);
        });
    }

    [Fact]
    public async Task Host_WhoRejectsAQuestion_SeesItLeaveTheList()
    {
        var api = NewApi();
        var session = await api.CreateSessionAsync("Moderated Q&A");
        var qa = await api.CreateActiveActivityAsync(session, "qa", new { topic = "Ask me anything", moderation = true }, "Ask me anything");
        var ada = await api.JoinAsync(session, "Ada");
        await Api.ReadAsync(await api.SubmitAsync(ada, qa, new { question = "When is the release?" }), HttpStatusCode.Created);
        await Api.ReadAsync(await api.SubmitAsync(ada, qa, new { question = "Buy my crypto" }), HttpStatusCode.Created);
        var page = await browser.NewPageAsync(BrowserFixture.Laptop);
        await BrowserStory.RunAsync(nameof(Host_WhoRejectsAQuestion_SeesItLeaveTheList), [page], async () =>
        {
            await OpenConsoleAsync(page, session);
            var questions = page.GetByRole(AriaRole.List, new() { Name = "Moderation" });
            await Assertions.Expect(questions).ToContainTextAsync("Buy my crypto");
            await Assertions.Expect(questions).ToContainTextAsync("When is the release?");

            await page.GetByRole(AriaRole.Button, new() { Name = "Reject \"Buy my crypto\"" }).ClickAsync();

            await Assertions.Expect(questions).Not.ToContainTextAsync("Buy my crypto");
            await Assertions.Expect(questions).ToContainTextAsync("When is the release?");
            var results = await api.GetJsonAsync($"/api/v1/activities/{qa}/results");
            Assert.Equal(["When is the release?"], results["results"]!["questions"]!.AsArray().Select(q => q!["text"]!.GetValue<string>()));

            // Pin / answered: shown as an error until the server has the route, never a crash.
            await page.GetByRole(AriaRole.Button, new() { Name = "Pin", Exact = true }).ClickAsync();
            await Assertions.Expect(page.Locator(".moderation-list .is-pinned, section[aria-labelledby=moderation-heading] [role=alert]:not(:empty)").First).ToBeVisibleAsync();
        });
    }

    [Fact]
    public async Task Host_WhoReloads_KeepsTheConsole_AndAWrongAdminCodeIsRefused()
    {
        var api = NewApi();
        var session = await api.CreateSessionAsync("Reload me");
        await api.CreateActiveActivityAsync(session, "poll", new { question = "Still here?", options = new[] { "Yes", "No" } }, "Still here?");
        await api.JoinAsync(session, "Ada");
        var page = await browser.NewPageAsync(BrowserFixture.Laptop);
        var stranger = await browser.NewPageAsync(BrowserFixture.Phone);
        await BrowserStory.RunAsync(nameof(Host_WhoReloads_KeepsTheConsole_AndAWrongAdminCodeIsRefused), [page, stranger], async () =>
        {
            await OpenConsoleAsync(page, session);
            await Assertions.Expect(page.GetByTestId("participant-count")).ToContainTextAsync("1 joined");

            await page.ReloadAsync();

            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Reload me" })).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByTestId("participant-count")).ToContainTextAsync("1 joined");
            await Assertions.Expect(ActivityCard(page, "Still here?")).ToContainTextAsync("Current");
            await Assertions.Expect(page.Locator("#connection")).ToHaveTextAsync("Live");

            await stranger.GotoAsync($"/host/{session.Id}");
            await stranger.GetByLabel("Admin code").FillAsync("ZZZZZZ");
            await stranger.GetByRole(AriaRole.Button, new() { Name = "Open console" }).ClickAsync();
            await Assertions.Expect(stranger.GetByRole(AriaRole.Alert)).ToContainTextAsync($"does not belong to session {session.Id}");
            await Assertions.Expect(stranger.GetByRole(AriaRole.Heading, new() { Name = "Reload me" })).Not.ToBeVisibleAsync();
        });
    }

    [Fact]
    public async Task Host_WhoEndsTheSession_SeesTheSummary()
    {
        var api = NewApi();
        var session = await api.CreateSessionAsync("Ending soon");
        var poll = await api.CreateActiveActivityAsync(session, "poll", new { question = "Done?", options = new[] { "Yes", "No" } }, "Done?");
        var voters = new[] { await api.JoinAsync(session, "Ada"), await api.JoinAsync(session, "Bob") };
        foreach (var voter in voters)
            await Api.ReadAsync(await api.SubmitAsync(voter, poll, new { option_index = 0 }), HttpStatusCode.Created);
        var page = await browser.NewPageAsync(BrowserFixture.Laptop);
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await BrowserStory.RunAsync(nameof(Host_WhoEndsTheSession_SeesTheSummary), [page], async () =>
        {
            await OpenConsoleAsync(page, session);
            await page.GetByRole(AriaRole.Button, new() { Name = "End session" }).ClickAsync();

            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Summary" })).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByTestId("summary-total")).ToHaveTextAsync($"{voters.Length} joined · {voters.Length} answered · {voters.Length} responses");
            var done = page.Locator(".summary-activity").Filter(new() { HasText = "Done?" });
            await Assertions.Expect(done).ToContainTextAsync($"{voters.Length} of {voters.Length} answered (100%) · {voters.Length} responses");
            await Assertions.Expect(done.Locator("li").Filter(new() { HasText = "Yes" }).GetByLabel(Votes(voters.Length), new() { Exact = true })).ToBeVisibleAsync();
            var status = await api.GetJsonAsync($"/api/v1/sessions/{session.Id}");
            Assert.Equal("completed", status["status"]!.GetValue<string>());
        });
    }

    private static string Votes(int n) => n == 1 ? "1 vote" : $"{n} votes";

    private static ILocator ActivityCard(IPage page, string title) =>
        page.Locator(".activity-list > li").Filter(new() { Has = page.GetByRole(AriaRole.Button, new() { Name = title, Exact = true }) });

    private static async Task<Api.Session> SessionOfPageAsync(IPage page, string joinCode)
    {
        var id = int.Parse(SessionIdInUrl().Match(page.Url).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        var adminCode = await page.EvaluateAsync<string>($"sessionStorage.getItem('conflicto.host.{id}.adminCode')");
        Assert.False(string.IsNullOrEmpty(adminCode), "the admin code is kept in sessionStorage");
        return new Api.Session(id, adminCode, joinCode);
    }

    private static async Task<Guid> SingleActivityIdAsync(Api api, Api.Session session) =>
        Guid.Parse((await api.GetJsonAsync($"/api/v1/sessions/{session.Id}/activities", adminCode: session.AdminCode))["activities"]!.AsArray().Single()!["id"]!.GetValue<string>());

    private static async Task<string> StateAsync(Api api, Api.Session session, Guid activity) =>
        (await api.GetJsonAsync($"/api/v1/activities/{activity}", adminCode: session.AdminCode))["state"]!.GetValue<string>();

    [GeneratedRegex(@"/host/(\d+)$")]
    private static partial Regex SessionIdInUrl();
}

using System.Net;
using Conflicto.Tests.Integration.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;
using static Conflicto.Tests.Integration.Browser.BrowserPeople;

namespace Conflicto.Tests.Integration.Browser;

/// <summary>The participant page (/join, /join/{code}) on a phone; the host acts over REST.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ParticipantPageTests(BrowserFixture browser)
{
    private static readonly object ColourPoll = new { question = "Favourite colour?", options = new[] { "Red", "Blue", "Green" } };

    private Api NewApi() => new(new HttpClient { BaseAddress = new Uri(browser.BaseUrl) });

    [Fact]
    public async Task Participant_WithAWrongCodeOrABadNickname_IsToldWhatIsWrong()
    {
        var api = NewApi();
        var session = await api.CreateSessionAsync("Bad input");
        var page = await browser.NewPageAsync(BrowserFixture.Phone);
        await BrowserStory.RunAsync(nameof(Participant_WithAWrongCodeOrABadNickname_IsToldWhatIsWrong), [page], async () =>
        {
            await page.GotoAsync("/join/ZZZZ9999");
            await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("No session has the code ZZZZ9999");

            await page.GetByLabel("Session code").FillAsync(session.JoinCode.ToLowerInvariant());
            await page.GetByRole(AriaRole.Button, new() { Name = "Join" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Bad input" })).ToBeVisibleAsync();

            var join = page.GetByRole(AriaRole.Button, new() { Name = "Join the session" });
            await join.ClickAsync();
            await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Nickname must not be empty.");

            await page.GetByLabel("Your nickname").FillAsync(new string('x', 51));
            await join.ClickAsync();
            await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Nickname must be at most 50 characters; it has 51.");
            await Expect(page.GetByLabel("Your nickname")).ToHaveAttributeAsync("aria-invalid", "true");
        });
    }

    [Fact]
    public async Task Participant_OfAFullOrEndedSession_IsToldWhyTheyCannotJoin()
    {
        var api = NewApi();
        var full = await api.CreateSessionAsync("Full", maxParticipants: 1);
        await api.JoinAsync(full, "First phone");
        var ended = await api.CreateSessionAsync("Ended");
        var page = await browser.NewPageAsync(BrowserFixture.Phone);
        await BrowserStory.RunAsync(nameof(Participant_OfAFullOrEndedSession_IsToldWhyTheyCannotJoin), [page], async () =>
        {
            await page.GotoAsync($"/join/{full.JoinCode}");
            await page.GetByLabel("Your nickname").FillAsync("Second phone");
            await page.GetByRole(AriaRole.Button, new() { Name = "Join the session" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("The session is full (1 participants).");

            await page.GotoAsync($"/join/{ended.JoinCode}");
            await Expect(page.GetByLabel("Your nickname")).ToBeVisibleAsync();
            await Api.ReadAsync(await api.SendAsync(HttpMethod.Put, $"/api/v1/sessions/{ended.Id}", new { status = "completed" }, adminCode: ended.AdminCode), HttpStatusCode.OK);
            await page.GetByLabel("Your nickname").FillAsync("Latecomer");
            await page.GetByRole(AriaRole.Button, new() { Name = "Join the session" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("The session has ended and accepts no new participants.");
        });
    }

    [Fact]
    public async Task Participant_ByTheQrLink_VotesInThePollTheHostOpens_AndKeepsItAfterAReload()
    {
        var api = NewApi();
        var session = await api.CreateSessionAsync("Colours");
        var page = await browser.NewPageAsync(BrowserFixture.Phone);
        await BrowserStory.RunAsync(nameof(Participant_ByTheQrLink_VotesInThePollTheHostOpens_AndKeepsItAfterAReload), [page], async () =>
        {
            await JoinAsync(page, session.JoinCode, "Ada");
            await Expect(page.GetByText("Waiting for the host to start")).ToBeVisibleAsync();
            await Expect(page.Locator("#connection")).ToHaveTextAsync("Live");

            var poll = await api.CreateActiveActivityAsync(session, "poll", ColourPoll, "Colours");
            await page.GetByLabel("Blue").CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Vote" }).ClickAsync();

            await Expect(page.Locator("#answer-status")).ToHaveTextAsync("Answer saved ✓");
            await Expect(page.Locator("#results-summary")).ToContainTextAsync("Blue leads with 100%");
            var results = await api.GetJsonAsync($"/api/v1/activities/{poll}/results");
            Assert.Equal(1, results["results"]!["options"]![1]!["votes"]!.GetValue<int>());

            await page.ReloadAsync();
            await Expect(page.GetByText("You are Ada")).ToBeVisibleAsync();
            await Expect(page.Locator("#answer-status")).ToHaveTextAsync("You already answered ✓");
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "You voted: Blue" })).ToBeDisabledAsync();
            await Expect(page.GetByLabel("Blue")).ToBeCheckedAsync();

            await page.GetByRole(AriaRole.Button, new() { Name = "Leave session" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("You left the session.");
            await page.ReloadAsync();
            await Expect(page.GetByLabel("Your nickname")).ToBeVisibleAsync();
        });
    }

    [Fact]
    public async Task Participant_WhoLosesNetwork_SeesCurrentPollWhenBack()
    {
        var api = NewApi();
        var session = await api.CreateSessionAsync("Offline");
        await api.CreateActiveActivityAsync(session, "poll", ColourPoll, "Warm-up");
        var others = new[] { await api.JoinAsync(session, "Bo"), await api.JoinAsync(session, "Cy") };
        var page = await browser.NewPageAsync(BrowserFixture.Phone);
        await BrowserStory.RunAsync(nameof(Participant_WhoLosesNetwork_SeesCurrentPollWhenBack), [page], async () =>
        {
            await JoinAsync(page, session.JoinCode, "Dee");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Warm-up" })).ToBeVisibleAsync();

            await page.Context.SetOfflineAsync(true);
            await Expect(page.Locator("#connection")).ToContainTextAsync("Offline");
            var second = await api.CreateActiveActivityAsync(session, "poll", new { question = "Lunch?", options = new[] { "Pizza", "Salad" } }, "Lunch");
            foreach (var other in others) await Api.ReadAsync(await api.SubmitAsync(other, second, new { option_index = 0 }), HttpStatusCode.Created);
            await page.Context.SetOfflineAsync(false);

            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Lunch" })).ToBeVisibleAsync(new() { Timeout = 40_000 });
            await Expect(page.Locator("#connection")).ToHaveTextAsync("Live", new() { Timeout = 40_000 });
            await Expect(page.Locator("#results-summary")).ToContainTextAsync("Pizza leads with 100% (2 of 2 votes)", new() { Timeout = 40_000 });
            await page.GetByLabel("Salad").CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Vote" }).ClickAsync();
            await Expect(page.Locator("#answer-status")).ToHaveTextAsync("Answer saved ✓");
            await Expect(page.Locator("#results-summary")).ToContainTextAsync("Pizza leads with 67% (2 of 3 votes)");
        });
    }

    [Fact]
    public async Task Participant_WhenTheHubIsUnreachable_FollowsOverRest_AndReturnsToTheHub()
    {
        var api = NewApi();
        var session = await api.CreateSessionAsync("No hub");
        var page = await browser.NewPageAsync(BrowserFixture.Phone);
        await BrowserStory.RunAsync(nameof(Participant_WhenTheHubIsUnreachable_FollowsOverRest_AndReturnsToTheHub), [page], async () =>
        {
            await page.RouteAsync("**/hubs/**", route => route.AbortAsync());
            await JoinAsync(page, session.JoinCode, "Fay");
            await Expect(page.Locator("#connection")).ToHaveTextAsync("Live (slow network mode)");

            var poll = await api.CreateActiveActivityAsync(session, "poll", ColourPoll, "Colours");
            await page.GetByLabel("Green").CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Vote" }).ClickAsync();
            await Expect(page.Locator("#answer-status")).ToHaveTextAsync("Answer saved ✓");
            await Expect(page.Locator("#results-summary")).ToContainTextAsync("Green leads with 100%");
            var results = await api.GetJsonAsync($"/api/v1/activities/{poll}/results");
            Assert.Equal(1, results["results"]!["options"]![2]!["votes"]!.GetValue<int>());

            await page.UnrouteAsync("**/hubs/**");
            await Expect(page.Locator("#connection")).ToHaveTextAsync("Live", new() { Timeout = 40_000 });
            await api.CreateActiveActivityAsync(session, "poll", new { question = "Tea or coffee?", options = new[] { "Tea", "Coffee" } }, "Drinks");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Drinks" })).ToBeVisibleAsync();
        });
    }

    [Fact]
    public async Task Participant_AnswersAnUnknownActivityType_FromItsSchemaRender()
    {
        var api = NewApi();
        var session = await api.CreateSessionAsync("Moods");
        var page = await browser.NewPageAsync(BrowserFixture.Phone);
        await BrowserStory.RunAsync(nameof(Participant_AnswersAnUnknownActivityType_FromItsSchemaRender), [page], async () =>
        {
            var (ada, token) = await JoinAndIdentifyAsync(page, session, "Ada");
            var mood = await api.CreateActiveActivityAsync(session, "mood_meter",
                new { prompt = "How do you feel today?", choices = new[] { "Great", "Fine", "Tired" } }, "Mood meter");

            await page.GetByLabel("Tired").CheckAsync(new() { Timeout = 30_000 });
            await page.GetByRole(AriaRole.Button, new() { Name = "Send answer" }).ClickAsync();
            await Expect(page.Locator("#answer-status")).ToHaveTextAsync("Answer saved ✓");

            var mine = await api.GetJsonAsync($"/api/v1/sessions/{session.Id}/activities/{mood}/responses/{ada}", token: token);
            Assert.Equal(2, mine["response_data"]!["option_index"]!.GetValue<int>());
        });
    }

    [Fact]
    public async Task Participant_RemovedByTheHost_IsToldSo_AndForgotten()
    {
        var api = NewApi();
        var session = await api.CreateSessionAsync("Removal");
        var page = await browser.NewPageAsync(BrowserFixture.Phone);
        await BrowserStory.RunAsync(nameof(Participant_RemovedByTheHost_IsToldSo_AndForgotten), [page], async () =>
        {
            var (id, _) = await JoinAndIdentifyAsync(page, session, "Eve");
            await Expect(page.Locator("#connection")).ToHaveTextAsync("Live");

            var removed = await api.SendAsync(HttpMethod.Delete, $"/api/v1/participants/{id}", adminCode: session.AdminCode);
            Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);

            await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("The host removed you from this session.");
            await page.ReloadAsync();
            await Expect(page.GetByLabel("Your nickname")).ToBeVisibleAsync();
        });
    }

    /// <summary>Joins through the page and reads the identity it keeps (participant id and token).</summary>
    private static async Task<(int Id, string Token)> JoinAndIdentifyAsync(IPage page, Api.Session session, string nickname)
    {
        await JoinAsync(page, session.JoinCode, nickname);
        var stored = await page.EvaluateAsync<string>($"localStorage.getItem('conflicto.join.{session.JoinCode}')");
        var identity = System.Text.Json.JsonDocument.Parse(stored).RootElement;
        return (identity.GetProperty("participantId").GetInt32(), identity.GetProperty("token").GetString()!);
    }
}

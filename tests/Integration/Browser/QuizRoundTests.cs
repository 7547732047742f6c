using Conflicto.Tests.Integration.Infrastructure;
using Conflicto.Tests.Integration.Quiz;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Conflicto.Tests.Integration.Browser;

/// <summary>One quiz round on all three pages: the host runs it from the console, two phones answer, the big screen shows it.</summary>
[Collection(BrowserCollection.Name)]
public sealed class QuizRoundTests(BrowserFixture browser)
{
    private static readonly ViewportSize Screen = new() { Width = 1600, Height = 900 };

    [Fact]
    public async Task QuizRound_HostStartsRevealsAndShowsTheLeaderboard_PhonesAnswerAndSeeTheirRank()
    {
        var api = new Api(new HttpClient { BaseAddress = new Uri(browser.BaseUrl) });
        var session = await api.CreateSessionAsync("Quiz night");
        var host = await browser.NewPageAsync(BrowserFixture.Laptop);
        var ann = await browser.NewPageAsync(BrowserFixture.Phone);
        var bob = await browser.NewPageAsync(BrowserFixture.Phone);
        var screen = await browser.NewPageAsync(Screen);
        await BrowserStory.RunAsync(nameof(QuizRound_HostStartsRevealsAndShowsTheLeaderboard_PhonesAnswerAndSeeTheirRank), [host, ann, bob, screen], async () =>
        {
            await BrowserPeople.JoinAsync(ann, session.JoinCode, "Ann");
            await BrowserPeople.JoinAsync(bob, session.JoinCode, "Bob");
            await screen.GotoAsync($"/screen/{session.JoinCode}");
            await BrowserPeople.OpenConsoleAsync(host, session);
            await api.CreateActiveQuizAsync(session);

            await Expect(ann.GetByText("Get ready!")).ToBeVisibleAsync();
            await Snap(screen, "screen-lobby");
            await host.GetByRole(AriaRole.Button, new() { Name = "Start first question" }).ClickAsync();

            await Expect(ann.GetByRole(AriaRole.Heading, new() { Name = "Capital of France?" })).ToBeVisibleAsync();
            await Expect(screen.GetByRole(AriaRole.Heading, new() { Name = "Capital of France?" })).ToBeVisibleAsync();
            await Expect(ann.GetByRole(AriaRole.Timer)).ToBeVisibleAsync();
            await Snap(ann, "phone-question");
            await Snap(screen, "screen-question");
            await ann.GetByRole(AriaRole.Button, new() { Name = "Paris" }).ClickAsync();
            await bob.GetByRole(AriaRole.Button, new() { Name = "Lyon" }).ClickAsync();
            await Expect(ann.GetByText("Answer locked in")).ToBeVisibleAsync();
            await Expect(bob.GetByText("Answer locked in")).ToBeVisibleAsync();
            await Expect(screen.GetByText("2 answers")).ToBeVisibleAsync();
            await Snap(ann, "phone-locked");

            await host.GetByRole(AriaRole.Button, new() { Name = "Reveal answer" }).ClickAsync();
            await Expect(ann.GetByText("Correct!")).ToBeVisibleAsync();
            await Expect(bob.GetByText("Not quite.")).ToBeVisibleAsync();
            await Expect(ann.GetByText("You are #1 of 2")).ToBeVisibleAsync();
            await Expect(screen.Locator(".quiz-option[data-correct=true]")).ToContainTextAsync("Paris");
            await Snap(ann, "phone-reveal");
            await Snap(screen, "screen-reveal");

            await host.GetByRole(AriaRole.Button, new() { Name = "Show leaderboard" }).ClickAsync();
            var board = screen.Locator(".quiz-board li");
            await Expect(board).ToHaveCountAsync(2);
            await Expect(board.First).ToContainTextAsync("Ann");
            await Expect(board.Nth(1)).ToContainTextAsync("Bob");
            await Expect(bob.GetByText("You are #2 of 2 with 0 points")).ToBeVisibleAsync();
            await Snap(screen, "screen-leaderboard");
            await Snap(bob, "phone-leaderboard");
            await Snap(host, "host-leaderboard");

            // The host builds the next quiz in the console: questions, answers, the correct ones ticked.
            await host.GetByLabel("Type", new() { Exact = true }).SelectOptionAsync("quiz");
            await host.GetByLabel("Question 1 text").FillAsync("Largest planet?");
            await host.GetByLabel("Answer 1", new() { Exact = true }).FillAsync("Jupiter");
            await host.GetByLabel("Answer 1 is correct").CheckAsync();
            await host.GetByLabel("Answer 2", new() { Exact = true }).FillAsync("Mars");
            await Snap(host, "host-quiz-form");
            await host.GetByRole(AriaRole.Button, new() { Name = "Add activity" }).ClickAsync();
            await Expect(host.Locator(".add-activity [role=status]")).ToContainTextAsync("Added \"Largest planet?\"");
        });
    }

    /// <summary>Screenshots for a person to look at, when CONFLICTO_QUIZ_SHOTS names a folder.</summary>
    private static async Task Snap(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("CONFLICTO_QUIZ_SHOTS") is not { Length: > 0 } folder) return;
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, $"{name}.png"), FullPage = true });
    }
}

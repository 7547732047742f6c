using System.Net;
using System.Text;
using Conflicto.Tests.Integration.Infrastructure;
using Microsoft.Playwright;

namespace Conflicto.Tests.Integration.Browser;

/// <summary>
/// The end of a session on all three pages: the host console's summary with its downloads, the big
/// screen's end-of-session slide, and the participant's thank-you with its own part.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SummaryBrowserTests(BrowserFixture browser)
{
    private Api NewApi() => new(new HttpClient { BaseAddress = new Uri(browser.BaseUrl) });

    [Fact]
    public async Task Host_WhoEndsTheSession_SeesTheSummaryAndDownloadsTheResponses()
    {
        var api = NewApi();
        var session = await api.CreateSessionAsync("Fête d'été 🎉");
        var words = await api.CreateActiveActivityAsync(session, "word_cloud", new { prompt = "Mood?" }, "Mood");
        var people = new[] { await api.JoinAsync(session, "Zoë"), await api.JoinAsync(session, "Bob"), await api.JoinAsync(session, "Cy") };
        foreach (var (p, w) in people.Take(2).Zip(new[] { "sunny", "sunny" }))
            await Api.ReadAsync(await api.SubmitAsync(p, words, new { word = w }), HttpStatusCode.Created);
        var page = await browser.NewPageAsync(BrowserFixture.Laptop);
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await BrowserStory.RunAsync(nameof(Host_WhoEndsTheSession_SeesTheSummaryAndDownloadsTheResponses), [page], async () =>
        {
            await BrowserPeople.OpenConsoleAsync(page, session);
            // While it runs: More → the answers so far.
            var more = page.Locator(".host-more");
            await more.Locator("summary").ClickAsync();
            var soFar = await page.RunAndWaitForDownloadAsync(() => more.GetByTestId("download-csv").ClickAsync());
            Assert.Equal(3, Encoding.UTF8.GetString(await File.ReadAllBytesAsync((await soFar.PathAsync())!)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
            await Assertions.Expect(more.GetByTestId("download-xlsx")).ToHaveTextAsync("Excel (.xlsx)");
            await page.SetViewportSizeAsync(390, 844);
            await Screens.ShotAsync(page, "downloads-menu-phone");
            await page.SetViewportSizeAsync(1600, 900);
            await Screens.ShotAsync(page, "downloads-menu-1600");
            await more.Locator("summary").ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "End session" }).ClickAsync();

            var summary = page.GetByTestId("session-summary");
            await Assertions.Expect(summary).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByTestId("summary-total")).ToHaveTextAsync("3 joined · 2 answered · 2 responses");
            var mood = page.GetByTestId("summary-activity").Filter(new() { HasText = "Mood" });
            await Assertions.Expect(mood).ToContainTextAsync("2 of 3 answered (67%) · 2 responses");
            await Assertions.Expect(mood).ToContainTextAsync("Top words: sunny (2)");

            var download = await page.RunAndWaitForDownloadAsync(() => summary.GetByTestId("download-csv").ClickAsync());
            Assert.Equal("conflicto-fete-d-ete-session-responses.csv", download.SuggestedFilename);
            var path = await download.PathAsync();
            var bytes = await File.ReadAllBytesAsync(path!);
            Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
            var text = Encoding.UTF8.GetString(bytes[3..]);
            Assert.StartsWith("activity_id,activity_title,activity_type,response_id,participant_id,nickname,", text, StringComparison.Ordinal);
            Assert.Equal(3, text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
            Assert.Contains(",Zoë,", text, StringComparison.Ordinal);

            var json = await page.RunAndWaitForDownloadAsync(() => mood.GetByTestId("download-json").ClickAsync());
            Assert.EndsWith(".json", json.SuggestedFilename, StringComparison.Ordinal);

            // The workbook: its Responses sheet is the CSV's rows; no quiz, so no scores button and no scores sheet.
            await Assertions.Expect(summary.GetByTestId("download-scores-csv")).ToHaveCountAsync(0);
            var xlsx = await page.RunAndWaitForDownloadAsync(() => summary.GetByTestId("download-xlsx").ClickAsync());
            Assert.Equal("conflicto-fete-d-ete-session.xlsx", xlsx.SuggestedFilename);
            await using (var workbook = File.OpenRead((await xlsx.PathAsync())!))
            {
                Assert.Equal(["Responses", "Results"], MiniExcelLibs.MiniExcel.GetSheetNames(workbook));
                workbook.Position = 0;
                var rows = MiniExcelLibs.MiniExcel.Query(workbook, sheetName: "Responses").Cast<IDictionary<string, object?>>().ToList();
                Assert.Equal(3, rows.Count);
                Assert.Equal("activity_id", rows[0]["A"]);
                Assert.Contains(rows, r => Equals(r["F"], "Zoë"));
            }
            await Screens.ShotAsync(page, "summary-host-laptop");
            await page.SetViewportSizeAsync(390, 844);
            await Screens.ShotAsync(page, "summary-host-phone");
            await page.SetViewportSizeAsync(1600, 900);
            await Screens.ShotAsync(page, "summary-host-1600");
        });
    }

    [Fact]
    public async Task Screen_AndParticipant_ShowTheSummaryWhenTheSessionEnds()
    {
        var api = NewApi();
        var session = await api.CreateSessionAsync("Wrap-up");
        var poll = await api.CreateActiveActivityAsync(session, "poll", new { question = "Lunch?", options = new[] { "Pizza", "Salad" } }, "Lunch");
        var ada = await api.JoinAsync(session, "Ada");
        var bob = await api.JoinAsync(session, "Bob");
        await Api.ReadAsync(await api.SubmitAsync(ada, poll, new { option_index = 0 }), HttpStatusCode.Created);
        var screen = await browser.NewPageAsync(new ViewportSize { Width = 1600, Height = 900 });
        var phone = await browser.NewPageAsync(BrowserFixture.Phone);
        await BrowserStory.RunAsync(nameof(Screen_AndParticipant_ShowTheSummaryWhenTheSessionEnds), [screen, phone], async () =>
        {
            await screen.GotoAsync($"/screen/{session.JoinCode}");
            await BrowserPeople.JoinAsync(phone, session.JoinCode, "Cleo");
            await Assertions.Expect(screen.GetByRole(AriaRole.Heading, new() { Name = "Lunch?" })).ToBeVisibleAsync();

            await Api.ReadAsync(await api.SendAsync(HttpMethod.Put, $"/api/v1/sessions/{session.Id}", new { status = "completed" }, adminCode: session.AdminCode), HttpStatusCode.OK);

            var slide = screen.GetByTestId("screen-summary");
            await Assertions.Expect(slide).ToContainTextAsync("3 participants · 1 activity · 1 response");
            await Assertions.Expect(slide).ToContainTextAsync("1 of 3 answered (33%)");
            await Assertions.Expect(slide).ToContainTextAsync("Most chosen: Pizza (1)");
            await Screens.ShotAsync(screen, "summary-screen-1600");
            // Cleo joined on the phone and answered nothing: its thank-you says so (3 joined now).
            await Assertions.Expect(phone.GetByTestId("own-part")).ToHaveTextAsync("You did not answer this time: see you next time!");
            await Screens.ShotAsync(phone, "summary-participant-phone");
            _ = bob;
        });
    }
}

/// <summary>Screenshots of what the summary adds, for a person to look at (TestResults/screens).</summary>
internal static class Screens
{
    public static async Task ShotAsync(IPage page, string name)
    {
        var folder = Path.Combine(Environment.GetEnvironmentVariable("CONFLICTO_TEST_RESULTS") is { Length: > 0 } r ? r : Path.Combine(AppContext.BaseDirectory, "TestResults"), "screens");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, $"{name}.png"), FullPage = true });
    }
}

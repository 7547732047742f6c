using System.Net;
using Conflicto.Tests.Integration.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;
using static Conflicto.Tests.Integration.Browser.BrowserPeople;

namespace Conflicto.Tests.Integration.Browser;

/// <summary>
/// The participant page on the stream protocol v2 (docs/realtime.md): its hub traffic goes through
/// <see cref="HubStreamProxy"/>, which gives it the participant's audience stream (no other
/// participant's joins or responses, prevSeq, <c>Events</c> batches, slim state changes) whatever
/// the server speaks. The host acts over REST.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ParticipantStreamTests(BrowserFixture browser)
{
    private static readonly object ColourPoll = new { question = "Favourite colour?", options = new[] { "Red", "Blue", "Green" } };

    private Api NewApi() => new(new HttpClient { BaseAddress = new Uri(browser.BaseUrl) });

    [Fact]
    public async Task Participant_SeesADraftPublishedThenOpened_WithItsContentReadOnce_AndResultsFromThePushes()
    {
        var api = NewApi();
        var session = await api.CreateSessionAsync("Slim changes");
        var poll = await api.CreateActivityAsync(session, "poll", ColourPoll, "Colours");
        var page = await browser.NewPageAsync(BrowserFixture.Phone);
        var me = 0;
        var proxy = await HubStreamProxy.AttachAsync(page);
        proxy.Hides = HubStreamProxy.HiddenFromParticipant(() => Volatile.Read(ref me));
        proxy.SlimStateChanges = true;
        var activityReads = 0;
        page.Request += (_, request) =>
        {
            if (new Uri(request.Url).AbsolutePath == $"/api/v1/activities/{poll}") Interlocked.Increment(ref activityReads);
        };
        await BrowserStory.RunAsync(nameof(Participant_SeesADraftPublishedThenOpened_WithItsContentReadOnce_AndResultsFromThePushes), [page], async () =>
        {
            await JoinAsync(page, session.JoinCode, "Ada");
            Volatile.Write(ref me, await ParticipantIdAsync(page, session));
            await Expect(page.Locator("#connection")).ToHaveTextAsync("Live");
            var bo = await api.JoinAsync(session, "Bo");

            // Draft → published → active: both state changes come without the poll's content.
            await api.TransitionAsync(session, poll, "published");
            await api.TransitionAsync(session, poll, "active");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Colours" })).ToBeVisibleAsync();
            await Expect(page.GetByLabel("Green")).ToBeVisibleAsync();

            // Bo's vote reaches the page as results only (the server does not send it his response event).
            await Api.ReadAsync(await api.SubmitAsync(bo, poll, new { option_index = 0 }), HttpStatusCode.Created);
            await Expect(page.Locator("#results-summary")).ToContainTextAsync("Red leads with 100% (1 of 1 votes)");
            await page.GetByLabel("Red").CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Vote" }).ClickAsync();
            await Expect(page.Locator("#answer-status")).ToHaveTextAsync("Answer saved ✓");
            await Expect(page.Locator("#results-summary")).ToContainTextAsync("Red leads with 100% (2 of 2 votes)");

            Assert.Equal(1, Volatile.Read(ref activityReads)); // read once, then the slim "active" merged into it
            // The server's v2 stream never carried Bo's join or vote to this page (the proxy would
            // have had to hide them), and the events it skipped left no gap.
            Assert.Equal(0, proxy.Hidden);
            Assert.Equal(1, proxy.JoinSessionCalls);
        });
    }

    [Fact]
    public async Task Participant_WhoMissesAnEvent_NoticesTheGapAtTheNextOne_AndResumesFromItsLastSeq()
    {
        var api = NewApi();
        var session = await api.CreateSessionAsync("Lost on the way");
        var page = await browser.NewPageAsync(BrowserFixture.Phone);
        var me = 0;
        var proxy = await HubStreamProxy.AttachAsync(page);
        proxy.Hides = HubStreamProxy.HiddenFromParticipant(() => Volatile.Read(ref me));
        await BrowserStory.RunAsync(nameof(Participant_WhoMissesAnEvent_NoticesTheGapAtTheNextOne_AndResumesFromItsLastSeq), [page], async () =>
        {
            await JoinAsync(page, session.JoinCode, "Ada");
            Volatile.Write(ref me, await ParticipantIdAsync(page, session));
            await Expect(page.Locator("#connection")).ToHaveTextAsync("Live");
            await api.JoinAsync(session, "Bo"); // hidden: no gap

            // The poll opening is lost on the way: the page cannot know until the next event it gets.
            proxy.DropNext = e => (string?)e["type"] == "activity.state_changed" && (string?)e["data"]?["state"] == "active";
            await api.CreateActiveActivityAsync(session, "poll", ColourPoll, "Colours");
            await proxy.WaitUntilAsync(p => p.Dropped == 1, "the poll's opening dropped");
            await Expect(page.GetByText("Waiting for the host to start")).ToBeVisibleAsync();

            await api.CreateActivityAsync(session, "poll", new { question = "Later?", options = new[] { "Yes", "No" } }, "Later");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Colours" })).ToBeVisibleAsync();
            await Expect(page.GetByLabel("Blue")).ToBeVisibleAsync();
            Assert.Equal(2, proxy.JoinSessionCalls); // the first join, and one resume with afterSeq
            await Expect(page.Locator("#connection")).ToHaveTextAsync("Live");
        });
    }

    private static async Task<int> ParticipantIdAsync(IPage page, Api.Session session)
    {
        var stored = await page.EvaluateAsync<string>($"localStorage.getItem('conflicto.join.{session.JoinCode}')");
        return System.Text.Json.JsonDocument.Parse(stored).RootElement.GetProperty("participantId").GetInt32();
    }
}

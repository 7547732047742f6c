using System.Net;
using Conflicto.Tests.Integration.Infrastructure;
using Microsoft.Playwright;
using static Conflicto.Tests.Integration.Browser.BrowserPeople;
using static Microsoft.Playwright.Assertions;

namespace Conflicto.Tests.Integration.Browser;

/// <summary>
/// The host console's integrations card against the real webhook backend and a real receiver on
/// 127.0.0.1 (the browser server allows private networks, Webhooks:AllowPrivateNetworks): add an
/// endpoint, see its secret once, and see the session's events arrive signed, at the receiver and
/// in the card's delivery log; refusals are shown in place; rotate, disable, enable, delete.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class WebhookConsoleTests(BrowserFixture browser)
{
    [Fact]
    public async Task Host_AddsAnEndpoint_SeesTheSecretOnce_AndTheEventsArriveSignedInTheLogAndAtTheReceiver()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var api = new Api(new HttpClient { BaseAddress = new Uri(browser.BaseUrl) });
        var session = await api.CreateSessionAsync("Webhook story");
        var host = await browser.NewPageAsync(BrowserFixture.Laptop);
        await BrowserStory.RunAsync(nameof(Host_AddsAnEndpoint_SeesTheSecretOnce_AndTheEventsArriveSignedInTheLogAndAtTheReceiver), [host], async () =>
        {
            await OpenConsoleAsync(host, session);
            // Keyboard: the card opens from its summary with Enter.
            await host.GetByTestId("webhooks-card").Locator("summary").FocusAsync();
            await host.Keyboard.PressAsync("Enter");
            await Expect(host.GetByText("No endpoints yet.")).ToBeVisibleAsync();
            await Expect(host.GetByRole(AriaRole.Checkbox, new() { Name = "activity.created" })).ToBeDisabledAsync(); // "All events" is the default

            await host.GetByLabel("Endpoint URL").FillAsync(receiver.Url);
            await host.Locator("#webhook-description").FillAsync("Our LMS");
            await host.GetByRole(AriaRole.Button, new() { Name = "Add endpoint" }).ClickAsync();

            var secretField = host.GetByTestId("webhook-secret");
            await Expect(secretField).ToBeVisibleAsync();
            await Expect(host.GetByText("you will not see it again")).ToBeVisibleAsync();
            var secret = await secretField.InputValueAsync();
            Assert.StartsWith("whsec_", secret);
            await host.GetByRole(AriaRole.Button, new() { Name = "I have stored it" }).ClickAsync();
            await Expect(secretField).ToHaveCountAsync(0);
            Assert.DoesNotContain(secret, await host.ContentAsync());

            var endpoint = host.GetByTestId("webhook-list").Locator("li.webhook").Filter(new() { HasText = receiver.Url });
            await Expect(endpoint).ToContainTextAsync("Active");
            await Expect(endpoint).ToContainTextAsync("Our LMS");
            await Expect(endpoint).ToContainTextAsync($"Secret whsec_…{secret[^4..]}");

            // Something happens in the session: it reaches the receiver, signed, in seq order.
            await api.CreateActivityAsync(session, "poll", new { question = "Lunch?", options = new[] { "Yes", "No" } }, "Lunch");
            await api.JoinAsync(session, "Ada");
            var created = await receiver.WaitForAsync(d => d.Event == "activity.created", "activity.created");
            var joined = await receiver.WaitForAsync(d => d.Event == "participant.joined", "participant.joined");
            Assert.True(created.Seq < joined.Seq, $"activity.created #{created.Seq} arrived, then participant.joined #{joined.Seq}");
            Assert.All(receiver.Received, d => Assert.True(WebhookReceiver.IsSigned(d, secret), $"{d.Event}#{d.Seq} is signed with the secret shown once"));
            var seqs = receiver.Received.Where(d => d.Seq is not null).Select(d => d.Seq!.Value).Distinct().ToList();
            Assert.Equal(seqs.Order().ToList(), seqs);

            // The card catches up by itself (it polls while open) and the log shows the deliveries.
            await Expect(endpoint.GetByTestId("webhook-progress")).ToContainTextAsync("Caught up", new() { Timeout = 20_000 });
            await endpoint.GetByRole(AriaRole.Button, new() { Name = "Delivery log" }).ClickAsync();
            var log = endpoint.GetByTestId("webhook-log");
            var row = log.Locator("tbody tr").Filter(new() { HasText = "activity.created" });
            await Expect(row).ToContainTextAsync("Delivered");
            await Expect(row).ToContainTextAsync("200");
            // Opening the log reads the endpoint again: its summary knows of the deliveries the log lists.
            await Expect(endpoint.Locator(".webhook__details")).ToContainTextAsync("Last delivery");
            await Expect(endpoint.Locator(".webhook__details")).Not.ToContainTextAsync("No delivery yet");

            await endpoint.GetByRole(AriaRole.Button, new() { Name = "Send test ping" }).ClickAsync();
            await Expect(host.GetByText("Test ping sent")).ToBeVisibleAsync();
            var ping = await receiver.WaitForAsync(d => d.Event == "webhook.ping", "the test ping");
            Assert.True(WebhookReceiver.IsSigned(ping, secret));
            await Expect(log.Locator("tbody tr").Filter(new() { HasText = "webhook.ping (test)" })).ToContainTextAsync("Delivered", new() { Timeout = 20_000 });
            await SaveShotsAsync(host, "desktop-log", log, new() { Width = 1600, Height = 900 });
            await SaveShotsAsync(host, "phone-log", log, BrowserFixture.Phone);

            await log.GetByLabel("Show").SelectOptionAsync("failed");
            await Expect(log.GetByText("No deliveries yet.")).ToBeVisibleAsync();
            await log.GetByLabel("Show").SelectOptionAsync("delivered");
            await Expect(log.Locator("tbody tr").Filter(new() { HasText = "activity.created" })).ToHaveCountAsync(1);

            // A reload shows the endpoint again, never its secret.
            await host.ReloadAsync();
            await host.GetByTestId("webhooks-card").Locator("summary").ClickAsync();
            await Expect(endpoint).ToContainTextAsync("Our LMS");
            Assert.DoesNotContain(secret, await host.ContentAsync());
        });
    }

    [Fact]
    public async Task OnAPhone_RefusalsShowInPlace_AndTheHostRotatesDisablesEnablesAndDeletes()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var api = new Api(new HttpClient { BaseAddress = new Uri(browser.BaseUrl) });
        var session = await api.CreateSessionAsync("Webhook limits");
        var host = await browser.NewPageAsync(BrowserFixture.Phone);
        host.Dialog += (_, dialog) => dialog.AcceptAsync();
        await BrowserStory.RunAsync(nameof(OnAPhone_RefusalsShowInPlace_AndTheHostRotatesDisablesEnablesAndDeletes), [host], async () =>
        {
            await OpenConsoleAsync(host, session);
            await host.GetByTestId("webhooks-card").Locator("summary").ClickAsync();
            var error = host.Locator("#webhook-error");

            await host.GetByLabel("Endpoint URL").FillAsync("ftp://example.com/hook");
            await host.GetByRole(AriaRole.Button, new() { Name = "Add endpoint" }).ClickAsync();
            await Expect(error).ToContainTextAsync("http");
            await Expect(host.GetByLabel("Endpoint URL")).ToBeFocusedAsync();

            await host.GetByLabel("Endpoint URL").FillAsync(receiver.Url);
            await host.GetByRole(AriaRole.Radio, new() { Name = "Only these:" }).CheckAsync();
            await host.GetByRole(AriaRole.Button, new() { Name = "Add endpoint" }).ClickAsync();
            await Expect(error).ToHaveTextAsync("Pick at least one event type.");
            await host.GetByRole(AriaRole.Checkbox, new() { Name = "response.added" }).CheckAsync();
            await host.GetByRole(AriaRole.Radio, new() { Name = "Host: what this console sees" }).CheckAsync();
            await host.GetByRole(AriaRole.Button, new() { Name = "Add endpoint" }).ClickAsync();
            await Expect(host.GetByTestId("webhook-secret")).ToBeVisibleAsync();
            await SaveShotsAsync(host, "phone-secret", host.Locator(".webhook-secret"));
            await host.GetByRole(AriaRole.Button, new() { Name = "I have stored it" }).ClickAsync();
            var endpoint = host.GetByTestId("webhook-list").Locator("li.webhook").First;
            await Expect(endpoint).ToContainTextAsync("Host scope");
            await Expect(endpoint).ToContainTextAsync("Events: response.added");

            await endpoint.GetByRole(AriaRole.Button, new() { Name = "Rotate secret" }).ClickAsync();
            var rotated = endpoint.GetByTestId("webhook-secret");
            await Expect(rotated).ToBeVisibleAsync();
            await Expect(endpoint).ToContainTextAsync("deliveries are signed with the old secret too");
            var newSecret = await rotated.InputValueAsync();
            await endpoint.GetByRole(AriaRole.Button, new() { Name = "I have stored it" }).ClickAsync();
            await Expect(endpoint).ToContainTextAsync($"whsec_…{newSecret[^4..]}");

            await endpoint.GetByRole(AriaRole.Button, new() { Name = "Disable" }).ClickAsync();
            await Expect(endpoint.Locator(".webhook__head")).ToContainTextAsync("Disabled");
            await endpoint.GetByRole(AriaRole.Button, new() { Name = "Enable" }).ClickAsync();
            await Expect(endpoint.Locator(".webhook__head")).ToContainTextAsync("Active");
            await Expect(host.GetByText("delivery resumes after event")).ToBeVisibleAsync();

            // The session's limit of endpoints: the next one is refused in the server's words.
            var max = (await api.GetJsonAsync($"/api/v1/sessions/{session.Id}/webhooks", adminCode: session.AdminCode)).AsArray().Count;
            for (var i = max; i < 10; i++)
            {
                var response = await api.SendAsync(HttpMethod.Post, $"/api/v1/sessions/{session.Id}/webhooks", new { url = receiver.Url, events = new[] { "session.updated" } }, adminCode: session.AdminCode);
                Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            }
            await host.GetByLabel("Endpoint URL").FillAsync(receiver.Url);
            await host.GetByRole(AriaRole.Button, new() { Name = "Add endpoint" }).ClickAsync();
            await Expect(error).ToContainTextAsync("already has as many endpoints as allowed");
            await Expect(host.GetByTestId("webhook-list").Locator("li.webhook")).ToHaveCountAsync(10);
            await SaveShotsAsync(host, "phone-refused", error);

            await endpoint.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
            await Expect(host.GetByTestId("webhook-list").Locator("li.webhook")).ToHaveCountAsync(9);
            Assert.Equal(9, (await api.GetJsonAsync($"/api/v1/sessions/{session.Id}/webhooks", adminCode: session.AdminCode)).AsArray().Count);
            var width = await host.EvaluateAsync<int>("document.documentElement.scrollWidth");
            Assert.True(width <= BrowserFixture.Phone.Width, $"the console is {width}px wide on a {BrowserFixture.Phone.Width}px phone");
        });
    }

    /// <summary>
    /// With CONFLICTO_SHOTS set (a folder), saves PNGs for a person to look at: the viewport with
    /// <paramref name="focus"/> in view (at <paramref name="size"/>, if given), and the whole card.
    /// </summary>
    private static async Task SaveShotsAsync(IPage page, string name, ILocator focus, ViewportSize? size = null)
    {
        if (Environment.GetEnvironmentVariable("CONFLICTO_SHOTS") is not { Length: > 0 } folder) return;
        Directory.CreateDirectory(folder);
        var viewport = page.ViewportSize;
        if (size is not null) await page.SetViewportSizeAsync(size.Width, size.Height);
        await focus.EvaluateAsync("n => n.scrollIntoView({ block: 'center' })");
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, $"webhooks-{name}.png") });
        await page.GetByTestId("webhooks-card").ScreenshotAsync(new() { Path = Path.Combine(folder, $"webhooks-{name}-card.png") });
        if (size is not null && viewport is not null) await page.SetViewportSizeAsync(viewport.Width, viewport.Height);
    }
}

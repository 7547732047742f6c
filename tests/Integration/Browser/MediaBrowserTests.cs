using System.Text.RegularExpressions;
using Conflicto.Tests.Integration.Infrastructure;
using Conflicto.Tests.Integration.Media;
using Microsoft.Playwright;
using static Conflicto.Tests.Integration.Browser.BrowserPeople;

namespace Conflicto.Tests.Integration.Browser;

/// <summary>The host attaches images in the console; the phone and the big screen show them with their alt text.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class MediaBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task Host_AttachesImages_ThePhoneAndTheBigScreenShowThem()
    {
        var api = new Api(new HttpClient { BaseAddress = new Uri(browser.BaseUrl) });
        var session = await api.CreateSessionAsync("Logo vote");
        var host = await browser.NewPageAsync(BrowserFixture.Laptop);
        var phone = await browser.NewPageAsync(BrowserFixture.Phone);
        var screen = await browser.NewPageAsync(BrowserFixture.Projector);
        await BrowserStory.RunAsync(nameof(Host_AttachesImages_ThePhoneAndTheBigScreenShowThem), [host, phone, screen], async () =>
        {
            await OpenConsoleAsync(host, session);
            await host.GetByLabel("Question", new() { Exact = true }).FillAsync("Which logo?");
            await host.GetByLabel("Option 1", new() { Exact = true }).FillAsync("Round");
            await host.GetByLabel("Option 2", new() { Exact = true }).FillAsync("Square");
            await host.GetByText("Images (optional)").ClickAsync(); // folded until the host opens it
            await host.GetByLabel("Image for the question").SetInputFilesAsync(new FilePayload { Name = "both.png", MimeType = "image/png", Buffer = TestImages.Png(120, 80) });
            await Assertions.Expect(host.GetByText("Uploaded (120×80)")).ToBeVisibleAsync();
            await host.GetByLabel("Describe the image (alt text)").FillAsync("Two logos side by side");
            await host.GetByLabel("Image for option 1").SetInputFilesAsync(new FilePayload { Name = "round.jpg", MimeType = "image/jpeg", Buffer = TestImages.JpegWithExif() });
            await Assertions.Expect(host.GetByText("Uploaded (64×48)")).ToBeVisibleAsync();
            await host.GetByRole(AriaRole.Button, new() { Name = "Add activity" }).ClickAsync();
            await Assertions.Expect(host.Locator(".add-activity [role=status]")).ToContainTextAsync("Added \"Which logo?\"");

            var activities = (await api.GetJsonAsync($"/api/v1/sessions/{session.Id}/activities", adminCode: session.AdminCode))["activities"]!.AsArray();
            var poll = Guid.Parse(activities.Single()!["id"]!.GetValue<string>());
            await api.TransitionAsync(session, poll, "published");
            await api.TransitionAsync(session, poll, "active");

            await JoinAsync(phone, session.JoinCode, "Ada");
            var questionImage = phone.GetByRole(AriaRole.Img, new() { Name = "Two logos side by side" });
            await Assertions.Expect(questionImage).ToBeVisibleAsync();
            await Assertions.Expect(questionImage).ToHaveAttributeAsync("src", MediaUrl());
            await Assertions.Expect(phone.GetByRole(AriaRole.Img, new() { Name = "Round" })).ToBeVisibleAsync();
            Assert.Equal(120, await questionImage.EvaluateAsync<int>("img => img.complete ? img.naturalWidth : new Promise(r => img.onload = () => r(img.naturalWidth))"));
            var phoneWidth = await questionImage.EvaluateAsync<double>("img => img.getBoundingClientRect().width");
            Assert.True(phoneWidth <= BrowserFixture.Phone.Width, $"the image is {phoneWidth}px wide on a {BrowserFixture.Phone.Width}px phone");

            await screen.GotoAsync($"/screen/{session.JoinCode}");
            await Assertions.Expect(screen.GetByRole(AriaRole.Img, new() { Name = "Two logos side by side" })).ToBeVisibleAsync();
            await Assertions.Expect(screen.Locator(".option-gallery").GetByRole(AriaRole.Img, new() { Name = "Round" })).ToBeVisibleAsync();
        });
    }

    [GeneratedRegex(@"^/api/v1/media/[A-Za-z0-9_-]{22}$")]
    private static partial Regex MediaUrl();
}

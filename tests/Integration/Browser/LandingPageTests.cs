using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace Conflicto.Tests.Integration.Browser;

/// <summary>The front door: a browser at / gets the landing page, an API client still gets JSON.</summary>
[Collection(BrowserCollection.Name)]
public sealed class LandingPageTests(BrowserFixture browser)
{
    [Fact]
    public async Task Visitor_WithACode_IsTakenToTheJoinPage()
    {
        var page = await browser.NewPageAsync(BrowserFixture.Phone);
        await BrowserStory.RunAsync(nameof(Visitor_WithACode_IsTakenToTheJoinPage), [page], async () =>
        {
            await page.GotoAsync("/");
            await page.GetByLabel("Session code").FillAsync("qh5mkhef");
            await page.GetByRole(AriaRole.Button, new() { Name = "Join" }).ClickAsync();

            await page.WaitForURLAsync("**/join/QH5MKHEF", new() { WaitUntil = WaitUntilState.Commit }); // the navigation is the point, not the join page's load
        });
    }

    [Fact]
    public async Task Visitor_WithoutACode_IsToldWhatToEnter()
    {
        var page = await browser.NewPageAsync(BrowserFixture.Phone);
        await BrowserStory.RunAsync(nameof(Visitor_WithoutACode_IsToldWhatToEnter), [page], async () =>
        {
            await page.GotoAsync("/");
            await page.GetByRole(AriaRole.Button, new() { Name = "Join" }).ClickAsync();

            Assert.Contains("Enter the code", await page.GetByRole(AriaRole.Alert).InnerTextAsync());
            Assert.EndsWith("/", page.Url);
        });
    }

    [Fact]
    public async Task ApiClient_AtTheRoot_StillGetsJson()
    {
        using var http = new HttpClient { BaseAddress = new Uri(browser.BaseUrl) };
        http.DefaultRequestHeaders.Accept.ParseAdd("application/json");

        var root = await http.GetFromJsonAsync<JsonObject>("/");

        Assert.Equal("Conflicto Realtime", root!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task JoinQrCode_IsAnSvgOfTheJoinUrl()
    {
        using var http = new HttpClient { BaseAddress = new Uri(browser.BaseUrl) };

        var response = await http.GetAsync("/qr/QH5MKHEF.svg");
        var refused = await http.GetAsync("/qr/not-a-code!.svg");

        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<svg", await response.Content.ReadAsStringAsync());
        Assert.Equal(System.Net.HttpStatusCode.NotFound, refused.StatusCode);
    }
}

using Conflicto.Tests.Integration.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Conflicto.Tests.Integration.Browser;

/// <summary>What people do first on each page, shared by the browser stories.</summary>
public static class BrowserPeople
{
    /// <summary>A phone opens the join link, picks a nickname and is in.</summary>
    public static async Task JoinAsync(IPage phone, string code, string nickname)
    {
        await phone.GotoAsync($"/join/{code}");
        await phone.GetByLabel("Your nickname").FillAsync(nickname);
        await phone.GetByRole(AriaRole.Button, new() { Name = "Join the session" }).ClickAsync();
        await Expect(phone.GetByText($"You are {nickname}")).ToBeVisibleAsync();
    }

    /// <summary>Opens /host/{id} in a fresh browser the way a host on a new device does: with the admin code.</summary>
    public static async Task OpenConsoleAsync(IPage host, Api.Session session)
    {
        await host.GotoAsync($"/host/{session.Id}");
        await host.GetByLabel("Admin code").FillAsync(session.AdminCode);
        await host.GetByRole(AriaRole.Button, new() { Name = "Open console" }).ClickAsync();
        await Expect(host.Locator("#connection")).ToHaveTextAsync("Live");
    }
}

using Microsoft.Playwright;

namespace DataTricks.E2E.Pages;

/// <summary>What every page of the signed-in portal has: the layout, the banner, navigation.</summary>
public sealed class PortalPage(IPage page)
{
    public ILocator Title => page.Locator("h1").First;
    public ILocator ImpersonationBanner => page.Locator("#impersonation-banner");
    public ILocator UserName => page.Locator("#user-name");

    /// <summary>Clicks before the circuit is live are lost, so actions wait for it.</summary>
    public Task WaitForCircuitAsync() => page.Locator("[data-interactive=true]").WaitForAsync();

    public async Task GoToAsync(string path)
    {
        await page.GotoAsync(path);
        await WaitForCircuitAsync();
    }

    public Task EndImpersonationAsync() => page.Locator("#end-impersonation").ClickAsync();

    public Task ToggleThemeAsync() => page.Locator("#theme-toggle").ClickAsync();

    public Task<string> BackgroundColorAsync() => page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor");
}

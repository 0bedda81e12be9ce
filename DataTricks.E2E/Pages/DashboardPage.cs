using Microsoft.Playwright;

namespace DataTricks.E2E.Pages;

public sealed class DashboardPage(IPage page)
{
    public ILocator CustomerTable => page.Locator("#customer-table");

    public async Task OpenAsync()
    {
        await page.GotoAsync("/");
        // Clicks before the circuit is live are lost.
        await page.Locator("[data-interactive=true]").WaitForAsync();
    }

    public Task ToggleThemeAsync() => page.Locator("#theme-toggle").ClickAsync();

    public Task<string> BackgroundColorAsync() =>
        page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor");
}

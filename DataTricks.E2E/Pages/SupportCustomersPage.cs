using Microsoft.Playwright;

namespace DataTricks.E2E.Pages;

public sealed class SupportCustomersPage(IPage page)
{
    public ILocator Table => page.Locator("#customer-table");

    public async Task ImpersonateAsync(string customer, string reason)
    {
        await page.Locator($"button[data-customer='{customer}']").ClickAsync();
        await page.Locator("#impersonation-reason").FillAsync(reason);
        await page.Locator("#start-impersonation").ClickAsync();
    }
}

using Microsoft.Playwright;

namespace DataTricks.E2E.Pages;

public sealed class SupportCustomersPage(IPage page)
{
    public ILocator Table => page.Locator("#customer-table");

    public ILocator Rows => page.Locator("#customer-table tbody tr");

    public ILocator AccessOf(string customer) => page.Locator($"[data-access='{customer}']");

    public Task SearchAsync(string text) => page.Locator("#customer-search").FillAsync(text);

    public async Task ImpersonateAsync(string customer, string reason)
    {
        await page.Locator($"button[data-customer='{customer}']").ClickAsync();
        await page.Locator("#impersonation-reason").FillAsync(reason);
        await page.Locator("#start-impersonation").ClickAsync();
    }
}

using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DataTricks.E2E.Pages;

/// <summary>Settings → Webhooks, and an endpoint's page with its delivery log.</summary>
public sealed class WebhooksPage(IPage page)
{
    public ILocator Table => page.Locator("#webhook-table");
    public ILocator Secret => page.Locator("#webhook-secret");
    public ILocator Deliveries => page.Locator("#delivery-table");

    public Task OpenAsync() => new PortalPage(page).GoToAsync("/settings/webhooks");

    /// <summary>Adds an endpoint for <paramref name="eventTypes"/>; the secret's dialog is left open.</summary>
    public async Task AddAsync(string url, params string[] eventTypes)
    {
        await page.Locator("#add-webhook").ClickAsync();
        await page.Locator("#webhook-url").FillAsync(url);
        foreach (var type in eventTypes)
        {
            // Not CheckAsync, which reads the box at once: the render of the URL's change may reach the page just after
            // the click and show the box unchecked until the click's own render follows.
            var box = page.Locator($"input[data-type='{type}']");
            await box.ClickAsync();
            await Expect(box).ToBeCheckedAsync();
        }
        await page.Locator("#save-webhook").ClickAsync();
    }

    public Task CloseSecretAsync() => page.Locator("#webhook-secret-done").ClickAsync();

    public Task OpenEndpointAsync(string url) => Table.GetByRole(AriaRole.Link, new() { Name = url }).ClickAsync();

    public Task SendTestAsync(string url) => page.Locator($"button[data-test-webhook='{url}']").ClickAsync();

    public ILocator Delivery(string eventType) => page.Locator($"tr[data-delivery='{eventType}']");
}

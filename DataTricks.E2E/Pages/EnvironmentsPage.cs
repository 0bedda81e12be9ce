using Microsoft.Playwright;

namespace DataTricks.E2E.Pages;

public sealed class EnvironmentsPage(IPage page)
{
    public ILocator Card(string name) => page.Locator($"[data-environment='{name}']");

    public Task OpenAsync() => new PortalPage(page).GoToAsync("/environments");

    public async Task CreateAsync(string name, string cloud = "Gcp")
    {
        await page.Locator("#new-environment").ClickAsync();
        await page.Locator("#environment-name").FillAsync(name);
        await MudSelect.ChooseAsync(page, "#environment-cloud", cloud);
        await page.Locator("#create-environment").ClickAsync();
    }

    public Task ActAsync(string name, string action) => Card(name).Locator($"[data-action='{action}']").ClickAsync();

    /// <summary>Confirms the message box that destructive actions ask.</summary>
    public Task ConfirmAsync() => page.Locator(".mud-dialog .mud-dialog-actions button").Last.ClickAsync();
}

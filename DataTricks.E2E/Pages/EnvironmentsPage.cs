using Microsoft.Playwright;

namespace DataTricks.E2E.Pages;

public sealed class EnvironmentsPage(IPage page)
{
    public ILocator Card(string name) => page.Locator($"[data-environment='{name}']");

    public ILocator NewButton => page.Locator("#new-environment");

    public Task OpenAsync() => new PortalPage(page).GoToAsync("/environments");

    public async Task CreateAsync(string name, string cloud = "Gcp")
    {
        await page.Locator("#new-environment").ClickAsync();
        await page.Locator("#environment-name").FillAsync(name);
        await MudSelect.ChooseAsync(page, "#environment-cloud", cloud);
        await page.Locator("#create-environment").ClickAsync();
    }

    public Task ActAsync(string name, string action) => Card(name).Locator($"[data-action='{action}']").ClickAsync();

    /// <summary>Confirms a delete the way a person must: by typing the environment's name.</summary>
    public async Task ConfirmDeleteAsync(string name)
    {
        await page.Locator("#delete-environment-confirmation").FillAsync(name);
        await page.Locator("#confirm-delete-environment").ClickAsync();
    }
}

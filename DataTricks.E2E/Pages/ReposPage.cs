using Microsoft.Playwright;

namespace DataTricks.E2E.Pages;

public sealed class ReposPage(IPage page)
{
    public ILocator Table => page.Locator("#repo-table");
    public ILocator NewButton => page.Locator("#new-repo");

    public Task OpenAsync() => new PortalPage(page).GoToAsync("/repos");

    public async Task CreateAsync(string name, string environment)
    {
        await NewButton.ClickAsync();
        await page.Locator("#repo-name").FillAsync(name);
        await MudAutocomplete.ChooseAsync(page, "#repo-environment", environment);
        await page.Locator("#save-repo").ClickAsync();
    }

    public Task OpenRepoAsync(string name) => Table.GetByRole(AriaRole.Link, new() { Name = name }).ClickAsync();
}

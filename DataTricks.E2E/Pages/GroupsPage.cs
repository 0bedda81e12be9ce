using Microsoft.Playwright;

namespace DataTricks.E2E.Pages;

public sealed class GroupsPage(IPage page)
{
    public ILocator Table => page.Locator("#group-table");

    public Task OpenAsync() => new PortalPage(page).GoToAsync("/groups");

    public async Task CreateAsync(string name, string description)
    {
        await page.Locator("#new-group").ClickAsync();
        await page.Locator("#group-name").FillAsync(name);
        await page.Locator("#group-description").FillAsync(description);
        await page.Locator("#save-group").ClickAsync();
    }

    public Task OpenGroupAsync(string name) => Table.GetByRole(AriaRole.Link, new() { Name = name }).ClickAsync();
}

using Microsoft.Playwright;

namespace DataTricks.E2E.Pages;

public sealed class UsersPage(IPage page)
{
    public ILocator Table => page.Locator("#user-table");
    public ILocator AddButton => page.Locator("#add-user");
    public ILocator EditButtons => page.Locator("button[data-edit]");
    public ILocator DeleteButtons => page.Locator("button[data-delete]");
    public ILocator SignOutButtons => page.Locator("button[data-sign-out]");

    public Task OpenAsync() => new PortalPage(page).GoToAsync("/users");

    public async Task AddAsync(string email, string name)
    {
        await AddButton.ClickAsync();
        await page.Locator("#new-user-email").FillAsync(email);
        await page.Locator("#new-user-name").FillAsync(name);
        await page.Locator("#save-user").ClickAsync();
    }
}

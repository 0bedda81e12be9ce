using Microsoft.Playwright;

namespace DataTricks.E2E.Pages;

public sealed class RepoDetailPage(IPage page)
{
    public ILocator Title => page.Locator("#repo-title");
    public ILocator Members => page.Locator("#member-table");
    public ILocator AdminButtons => page.Locator("#edit-repo, #delete-repo, #add-member");

    public ILocator Access(string email) => page.Locator($"[data-access='{email}']");

    public async Task ShareWithGroupAsync(string groupName)
    {
        await MudAutocomplete.ChooseAsync(page, "#group-picker", groupName);
        await page.Locator("#share-group").ClickAsync();
    }

    public async Task AddMemberAsync(string displayName)
    {
        await MudAutocomplete.ChooseAsync(page, "#member-picker", displayName);
        await page.Locator("#add-member").ClickAsync();
    }
}

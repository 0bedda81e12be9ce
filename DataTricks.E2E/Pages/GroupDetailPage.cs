using Microsoft.Playwright;

namespace DataTricks.E2E.Pages;

public sealed class GroupDetailPage(IPage page)
{
    public ILocator Title => page.Locator("#group-title");
    public ILocator Members => page.Locator("#group-member-table");

    public async Task AddMemberAsync(string displayName)
    {
        await MudAutocomplete.ChooseAsync(page, "#group-member-picker", displayName);
        await page.Locator("#add-group-member").ClickAsync();
    }

    public Task RemoveMemberAsync(string email) => page.Locator($"button[data-remove='{email}']").ClickAsync();
}

using Microsoft.Playwright;

namespace DataTricks.E2E.Pages;

/// <summary>Picks from a MudAutocomplete as a person does: types part of the name, then clicks the match it offers.</summary>
public static class MudAutocomplete
{
    public static async Task ChooseAsync(IPage page, string selector, string optionText)
    {
        await page.Locator(selector).FillAsync(optionText);
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = optionText }).First.ClickAsync();
    }
}

using Microsoft.Playwright;

namespace DataTricks.E2E.Pages;

/// <summary>Picks an option of a MudSelect: it opens a popover list rather than a native select.</summary>
public static class MudSelect
{
    public static async Task ChooseAsync(IPage page, string selector, string optionText)
    {
        // The id sits on a hidden input; the visible control around it opens the list.
        await page.Locator($"div.mud-select:has({selector})").Last.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = optionText }).First.ClickAsync();
    }
}

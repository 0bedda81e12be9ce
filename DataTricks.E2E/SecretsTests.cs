using DataTricks.E2E.Pages;
using DataTricks.E2E.Support;
using static Microsoft.Playwright.Assertions;

namespace DataTricks.E2E;

/// <summary>A secret shown once is shown whole, can be copied with one click, and what it created is listed at once.</summary>
public sealed class SecretsTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task A_new_token_is_shown_whole_copied_to_the_clipboard_and_listed_behind_the_dialog()
    {
        await using var context = await Browser.NewContextAsync(new()
        {
            BaseURL = BaseAddress.ToString(), Permissions = ["clipboard-read", "clipboard-write"],
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/tokens");
        await new LoginPage(page).SignInAsync("ben@acme.test");
        await new PortalPage(page).WaitForCircuitAsync();
        var name = $"copy-{Guid.NewGuid():N}"[..16];

        await page.Locator("#new-token").ClickAsync();
        await page.Locator("#token-name").FillAsync(name);
        await page.Locator("#create-token").ClickAsync();
        var token = (await page.Locator("#created-token").TextContentAsync())!.Trim();
        await page.Locator("#created-token-copy").ClickAsync();
        await Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("Token copied.");

        Assert.StartsWith("dtp_", token);
        await Expect(page.Locator("#token-table")).ToContainTextAsync(name);
        Assert.Equal(token, await page.EvaluateAsync<string>("() => navigator.clipboard.readText()"));
        // Checked once the snackbar has faded in: half-way, its text and background blend.
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('.mud-snackbar')].every(s => getComputedStyle(s).opacity === '1')");
        var violations = await Axe.SeriousViolationsAsync(page);
        Assert.True(violations.Count == 0, string.Join("\n", violations));
        using var http = new HttpClient { BaseAddress = BaseAddress };
        http.DefaultRequestHeaders.Authorization = new("Bearer", token);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await http.GetAsync("/api/v1/customer", TestContext.Current.CancellationToken)).StatusCode);
    }
}

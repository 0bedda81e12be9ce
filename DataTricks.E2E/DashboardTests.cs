using DataTricks.E2E.Pages;
using DataTricks.E2E.Support;
using static Microsoft.Playwright.Assertions;

namespace DataTricks.E2E;

public sealed class DashboardTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task Dashboard_lists_the_seeded_customers_with_their_counts()
    {
        var dashboard = new DashboardPage(Page);

        await dashboard.OpenAsync();

        await Expect(dashboard.CustomerTable).ToContainTextAsync("Acme Analytics");
        await Expect(dashboard.CustomerTable).ToContainTextAsync("Globex");
    }

    [Fact]
    public async Task Dark_mode_toggle_changes_the_theme_over_the_live_circuit()
    {
        var dashboard = new DashboardPage(Page);
        await dashboard.OpenAsync();
        var light = await dashboard.BackgroundColorAsync();

        await dashboard.ToggleThemeAsync();

        // Times out, failing the test, unless the background changes.
        await Page.WaitForFunctionAsync(
            "light => getComputedStyle(document.body).backgroundColor !== light", light);
    }
}

using DataTricks.E2E.Pages;
using DataTricks.E2E.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DataTricks.E2E;

/// <summary>
/// Finding things as a customer admin would: the environments list searched, sorted and paged on the server with
/// its state in the URL; an environment created with the keyboard alone; the audit log filtered, read on the viewer's
/// clock and exported. Each test signs up a customer of its own.
/// </summary>
public sealed class FindingTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private async Task<PortalApi> NewCustomerAsync(string tag)
    {
        var email = $"admin@{tag}.test";
        await PortalApi.SignUpAsync(BaseAddress, $"{tag} Co", email, "Find-Passw0rd!");
        await Page.GotoAsync("/");
        await new LoginPage(Page).SignInAsync(email, "Find-Passw0rd!");
        await new PortalPage(Page).WaitForCircuitAsync();
        return await PortalApi.SignInAsync(BaseAddress, email, "Find-Passw0rd!");
    }

    private Task<string[]> NamesAsync() => Page.Locator("[data-environment]").EvaluateAllAsync<string[]>(
        "rows => rows.map(r => r.getAttribute('data-environment'))");

    [Fact]
    public async Task The_environment_list_keeps_its_search_sort_and_view_across_a_reload()
    {
        var api = await NewCustomerAsync("urlstate");
        foreach (var name in new[] { "lake-10", "lake-2", "lake-1", "other-env" })
            await api.CreateEnvironmentAsync(name);
        await new PortalPage(Page).GoToAsync("/environments");

        await Page.Locator("#environment-search").FillAsync("lake");
        await Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("q=lake"));
        await Expect(Page.Locator("[data-environment]")).ToHaveCountAsync(3);
        Assert.Equal(["lake-1", "lake-2", "lake-10"], await NamesAsync());

        await Page.Locator("th[data-sort-column='name'] button").ClickAsync();
        await Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("sort=-name"));
        await Expect(Page.Locator("[data-environment]").First).ToHaveAttributeAsync("data-environment", "lake-10");

        await Page.ReloadAsync();
        await new PortalPage(Page).WaitForCircuitAsync();
        await Expect(Page.Locator("#environment-search")).ToHaveValueAsync("lake");
        await Expect(Page.Locator("th[data-sort-column='name']")).ToHaveAttributeAsync("aria-sort", "descending");
        Assert.Equal(["lake-10", "lake-2", "lake-1"], await NamesAsync());

        await Page.Locator("[data-view='cards']").ClickAsync();
        await Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("view=cards"));
        await Page.ReloadAsync();
        await Expect(Page.Locator(".environment-card")).ToHaveCountAsync(3);
        await Expect(Page.Locator("#environment-table")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task With_the_keyboard_alone_an_environment_is_created_and_its_row_goes_live()
    {
        await NewCustomerAsync("keyboardcreate");
        await new PortalPage(Page).GoToAsync("/environments");

        await Page.Locator("#new-environment").FocusAsync();
        await Page.Keyboard.PressAsync("Enter");
        await Expect(Page.Locator("#environment-name")).ToBeFocusedAsync();
        await Page.Keyboard.TypeAsync("typed-env");
        // Tab through the form, as a keyboard user does, to the Create button.
        for (var i = 0; i < 20 && await Page.EvaluateAsync<string>("() => document.activeElement?.id ?? ''") != "create-environment"; i++)
            await Page.Keyboard.PressAsync("Tab");
        await Expect(Page.Locator("#create-environment")).ToBeFocusedAsync();
        // Where the keyboard is must be seen: a ring at least 2 px wide around the focused control.
        Assert.Equal("solid 3px", await Page.EvaluateAsync<string>("() => { const s = getComputedStyle(document.activeElement); return `${s.outlineStyle} ${s.outlineWidth}`; }"));
        await Page.Keyboard.PressAsync("Enter");

        await Expect(Page.Locator("#environment-name")).ToHaveCountAsync(0);
        await Expect(Page.Locator("[data-environment='typed-env']")).ToHaveAttributeAsync("data-status", "Ready", new() { Timeout = 20_000 });
    }

    [Fact]
    public async Task The_audit_log_filters_on_the_server_shows_the_viewers_time_zone_and_exports_what_it_shows()
    {
        await using var context = await Browser.NewContextAsync(new() { BaseURL = BaseAddress.ToString(), TimezoneId = "Asia/Tokyo", AcceptDownloads = true });
        var page = await context.NewPageAsync();
        const string email = "admin@auditfilters.test";
        await PortalApi.SignUpAsync(BaseAddress, "Audit Filters Co", email, "Find-Passw0rd!");
        var api = await PortalApi.SignInAsync(BaseAddress, email, "Find-Passw0rd!");
        await api.AddUserAsync("member@auditfilters.test", "Member", "Find-Passw0rd!");
        await api.CreateEnvironmentAsync("audited-env");
        await page.GotoAsync("/audit");
        await new LoginPage(page).SignInAsync(email, "Find-Passw0rd!");
        await new PortalPage(page).WaitForCircuitAsync();

        await Expect(page.Locator("#audit-table th").First).ToHaveTextAsync("When (Asia/Tokyo)");
        await Expect(page.Locator("#audit-table td[data-action='environment.create']")).ToContainTextAsync("created environment audited-env");
        await Expect(page.Locator("#audit-table td[data-action='environment.create'] a")).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("environments/"));

        await MudSelect.ChooseAsync(page, "#audit-action", "All user actions");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("action=user"));
        await Expect(page.Locator("#audit-table td[data-action]")).ToHaveCountAsync(1);
        await Expect(page.Locator("#audit-table td[data-action='user.create']")).ToContainTextAsync("added user member@auditfilters.test");

        await page.ReloadAsync();
        await new PortalPage(page).WaitForCircuitAsync();
        await Expect(page.Locator("#audit-table td[data-action]")).ToHaveCountAsync(1);

        // A day range on the viewer's calendar: nothing before the first of the month.
        await page.Locator("#audit-to").FillAsync("2000-01-01");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("to=2000-01-01"));
        await Expect(page.Locator("#audit-table td[data-action]")).ToHaveCountAsync(0);
        await page.Locator("#audit-clear").ClickAsync();
        await Expect(page.Locator("#audit-table td[data-action='environment.create']")).ToHaveCountAsync(1);

        await MudSelect.ChooseAsync(page, "#audit-action", "All environment actions");
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#audit-export").ClickAsync());
        var csv = await File.ReadAllTextAsync(await download.PathAsync(), TestContext.Current.CancellationToken);
        var rows = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();
        Assert.Single(rows);
        Assert.Contains("+09:00,", rows[0]);
        Assert.Contains("environment.create,created environment", rows[0]);
    }

    [Fact]
    public async Task A_half_filled_form_asks_before_esc_throws_it_away_and_an_untouched_one_closes_at_once()
    {
        await NewCustomerAsync("discardguard");
        await new PortalPage(Page).GoToAsync("/environments");

        await Page.Locator("#new-environment").ClickAsync();
        await Expect(Page.Locator("#environment-name")).ToBeFocusedAsync();
        await Page.Keyboard.PressAsync("Escape");
        await Expect(Page.Locator("#environment-name")).ToHaveCountAsync(0);

        await Page.Locator("#new-environment").ClickAsync();
        await Expect(Page.Locator("#environment-name")).ToBeFocusedAsync();
        await Page.Keyboard.TypeAsync("half-typed");
        await Page.Keyboard.PressAsync("Escape");
        var keep = Page.GetByRole(AriaRole.Button, new() { Name = "Keep editing" });
        await Expect(keep).ToBeVisibleAsync();
        await keep.ClickAsync();
        await Expect(Page.Locator("#environment-name")).ToHaveValueAsync("half-typed");

        await Page.GetByRole(AriaRole.Button, new() { Name = "Cancel", Exact = true }).ClickAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Discard" }).ClickAsync();
        await Expect(Page.Locator("#environment-name")).ToHaveCountAsync(0);
        await Expect(Page.Locator("[data-environment='half-typed']")).ToHaveCountAsync(0);
    }
}

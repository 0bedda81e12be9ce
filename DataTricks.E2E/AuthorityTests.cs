using DataTricks.E2E.Pages;
using DataTricks.E2E.Support;
using static Microsoft.Playwright.Assertions;

namespace DataTricks.E2E;

/// <summary>Open pages follow the database: a revoked grant or a lost role shows at once, without a reload.</summary>
public sealed class AuthorityTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private const string Password = "Lockb0x-Passw0rd!";

    [Fact]
    public async Task A_customer_grants_support_access_staff_impersonate_and_lose_access_when_it_is_revoked()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var customer = $"Lockbox {tag}";
        var adminEmail = $"admin-{tag}@lockbox.test";
        await PortalApi.SignUpAsync(BaseAddress, customer, adminEmail, Password);

        await Page.GotoAsync("/settings");
        await new LoginPage(Page).SignInAsync(adminEmail, Password);
        await new PortalPage(Page).WaitForCircuitAsync();
        var access = new SupportAccessPanel(Page);
        await Expect(access.Status).ToContainTextAsync("off");
        await access.GrantAsync();
        await Expect(access.Status).ToContainTextAsync(adminEmail);

        await using var staffBrowser = await Browser.NewContextAsync(new() { BaseURL = BaseAddress.ToString() });
        var staff = await staffBrowser.NewPageAsync();
        await staff.GotoAsync("/support/customers");
        await new LoginPage(staff).SignInAsync("support@datatricks.test", LoginPage.DemoPassword);
        var staffPortal = new PortalPage(staff);
        await staffPortal.WaitForCircuitAsync();
        var customers = new SupportCustomersPage(staff);
        await customers.SearchAsync(tag);
        // The search reloads the table after a pause; clicking before it settles would hit a row about to be replaced.
        await Expect(customers.Rows).ToHaveCountAsync(1);
        await Expect(customers.AccessOf(customer)).ToContainTextAsync(adminEmail);
        await customers.ImpersonateAsync(customer, "Ticket 9: lockbox journey");
        await Expect(staffPortal.ImpersonationBanner).ToContainTextAsync(customer);
        await staffPortal.GoToAsync("/users");
        await Expect(staff.Locator("#user-table")).ToContainTextAsync(adminEmail);

        await access.RevokeAsync();
        await Expect(access.Status).ToContainTextAsync("off");

        await Expect(staffPortal.ImpersonationBanner).ToHaveCountAsync(0);
        await Expect(staff.Locator("#access-denied")).ToBeVisibleAsync();
        await Expect(staff.Locator("#user-table")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_demoted_admins_open_page_loses_its_admin_actions_without_a_reload()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var adminEmail = $"admin-{tag}@demoted.test";
        var secondEmail = $"second-{tag}@demoted.test";
        await PortalApi.SignUpAsync(BaseAddress, $"Demoted {tag}", adminEmail, Password);
        var api = await PortalApi.SignInAsync(BaseAddress, adminEmail, Password);
        await api.AddUserAsync(secondEmail, "Admin", Password);

        await Page.GotoAsync("/users");
        await new LoginPage(Page).SignInAsync(secondEmail, Password);
        await new PortalPage(Page).WaitForCircuitAsync();
        await Expect(Page.Locator("#add-user")).ToBeVisibleAsync();

        await api.ChangeRoleAsync(await api.UserIdAsync(secondEmail), "Member");

        await Expect(Page.Locator("#add-user")).ToHaveCountAsync(0);
        await Expect(Page.Locator("#user-search")).ToBeVisibleAsync();
    }
}

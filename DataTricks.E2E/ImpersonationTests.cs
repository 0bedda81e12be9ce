using DataTricks.E2E.Pages;
using DataTricks.E2E.Support;
using static Microsoft.Playwright.Assertions;

namespace DataTricks.E2E;

public sealed class ImpersonationTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task Support_impersonates_a_customer_with_a_banner_on_every_page_then_ends_it()
    {
        var portal = await SupportSignedInAsync();
        var customers = new SupportCustomersPage(Page);
        await Expect(customers.Table).ToContainTextAsync("Globex");
        await Expect(portal.ImpersonationBanner).ToHaveCountAsync(0);

        await customers.ImpersonateAsync("Globex", "Ticket 4711: billing question");

        await Expect(portal.ImpersonationBanner).ToContainTextAsync("Globex");
        await Expect(portal.Title).ToHaveTextAsync("Globex");
        await portal.GoToAsync("/audit");
        await Expect(portal.ImpersonationBanner).ToBeVisibleAsync();
        // The staff member is named once, acting in the customer, not shown twice as two identities.
        var started = Page.Locator("#audit-table tr").Filter(new() { Has = Page.Locator("td[data-action='impersonation.start']") }).First;
        await Expect(started).ToContainTextAsync("support@datatricks.test acting in Globex");
        await Expect(started).ToContainTextAsync("started a support session in Globex");

        await portal.EndImpersonationAsync();

        await Expect(customers.Table).ToBeVisibleAsync();
        await Expect(portal.ImpersonationBanner).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Support_acting_in_a_customer_is_offered_only_the_actions_of_the_allowlist()
    {
        var portal = await SupportSignedInAsync();
        await new SupportCustomersPage(Page).ImpersonateAsync("Globex", "Ticket 4712: environments stuck");
        await Expect(portal.ImpersonationBanner).ToContainTextAsync("Globex");

        var users = new UsersPage(Page);
        await users.OpenAsync();
        await Expect(users.EditButtons.First).ToBeVisibleAsync();
        await Expect(users.AddButton).ToHaveCountAsync(0);
        await Expect(users.DeleteButtons).ToHaveCountAsync(0);
        await Expect(users.SignOutButtons).ToHaveCountAsync(0);
        var environments = new EnvironmentsPage(Page);
        await environments.OpenAsync();
        await Expect(environments.NewButton).ToBeVisibleAsync();
        await portal.GoToAsync("/settings");
        await Expect(Page.Locator("#customer-name")).ToBeVisibleAsync();
        await Expect(Page.Locator("#support-access-status")).ToHaveCountAsync(0);

        await portal.EndImpersonationAsync();
        await Expect(portal.ImpersonationBanner).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task With_the_keyboard_alone_support_finds_a_customer_impersonates_it_and_ends_the_session()
    {
        var portal = await SupportSignedInAsync();

        await Page.Locator("#customer-search").FocusAsync();
        await Page.Keyboard.TypeAsync("Acme");
        await Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("q=Acme"));
        await Expect(new SupportCustomersPage(Page).Rows).ToHaveCountAsync(1);
        // Tab from the search to the customer's Impersonate button, as a keyboard user does.
        for (var i = 0; i < 40 && await Page.EvaluateAsync<string?>("() => document.activeElement?.getAttribute('data-customer')") is null; i++)
            await Page.Keyboard.PressAsync("Tab");
        await Expect(Page.Locator("button[data-customer='Acme Analytics']")).ToBeFocusedAsync();
        await Page.Keyboard.PressAsync("Enter");
        await Expect(Page.Locator("#impersonation-reason")).ToBeFocusedAsync();
        await Page.Keyboard.TypeAsync("Ticket 5150: keyboard only");
        for (var i = 0; i < 10 && await Page.EvaluateAsync<string>("() => document.activeElement?.id ?? ''") != "start-impersonation"; i++)
            await Page.Keyboard.PressAsync("Tab");
        await Page.Keyboard.PressAsync("Enter");

        await Expect(portal.ImpersonationBanner).ToContainTextAsync("Acme Analytics");
        await portal.WaitForCircuitAsync();
        await Page.Locator("#end-impersonation").FocusAsync();
        await Page.Keyboard.PressAsync("Enter");
        await Expect(portal.ImpersonationBanner).ToHaveCountAsync(0);
    }

    private async Task<PortalPage> SupportSignedInAsync()
    {
        await Page.GotoAsync("/support/customers");
        await new LoginPage(Page).SignInAsync("support@datatricks.test");
        var portal = new PortalPage(Page);
        await portal.WaitForCircuitAsync();
        return portal;
    }
}

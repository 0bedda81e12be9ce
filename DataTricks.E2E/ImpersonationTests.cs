using DataTricks.E2E.Pages;
using DataTricks.E2E.Support;
using static Microsoft.Playwright.Assertions;

namespace DataTricks.E2E;

public sealed class ImpersonationTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task Support_impersonates_a_customer_with_a_banner_on_every_page_then_ends_it()
    {
        await Page.GotoAsync("/support/customers");
        await new LoginPage(Page).SignInAsync("support@datatricks.test");
        var portal = new PortalPage(Page);
        await portal.WaitForCircuitAsync();
        var customers = new SupportCustomersPage(Page);
        await Expect(customers.Table).ToContainTextAsync("Globex");
        await Expect(portal.ImpersonationBanner).ToHaveCountAsync(0);

        await customers.ImpersonateAsync("Globex", "Ticket 4711: billing question");

        await Expect(portal.ImpersonationBanner).ToContainTextAsync("Globex");
        await Expect(portal.Title).ToHaveTextAsync("Globex");
        await portal.GoToAsync("/audit");
        await Expect(portal.ImpersonationBanner).ToBeVisibleAsync();
        await Expect(Page.Locator("#audit-table")).ToContainTextAsync("impersonation.start");

        await portal.EndImpersonationAsync();

        await Expect(customers.Table).ToBeVisibleAsync();
        await Expect(portal.ImpersonationBanner).ToHaveCountAsync(0);
    }
}

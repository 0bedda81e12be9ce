using DataTricks.E2E.Pages;
using DataTricks.E2E.Support;

namespace DataTricks.E2E;

/// <summary>
/// Every page, as each kind of user sees it, in both themes: no serious or critical WCAG 2.1 AA violation, one main
/// landmark and one level-one heading.
/// </summary>
public sealed class AccessibilityTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    // Sign-in pages render statically (they set the cookie); sign-up is interactive, so it is checked once its circuit is up.
    private static readonly string[] StaticAnonymousPages = ["/account/login", "/account/forgot-password", "/account/sso-failed?reason=provider-error"];
    private static readonly string[] AdminPages = ["/", "/environments", "/repos", "/groups", "/users", "/tokens", "/tokens/everyone", "/settings", "/settings/webhooks", "/audit", "/profile"];
    private static readonly string[] MemberPages = ["/", "/environments", "/repos", "/groups", "/users", "/tokens", "/profile"];

    private async Task<List<string>> CheckAsync(IEnumerable<string> paths, bool interactive = true)
    {
        var found = new List<string>();
        foreach (var path in paths)
        {
            await Page.GotoAsync(path);
            if (interactive)
                await new PortalPage(Page).WaitForCircuitAsync();
            // An interactive page's <title> is re-rendered by its head outlet as the circuit starts: check the page as it settles.
            await Page.WaitForFunctionAsync("() => document.title.length > 0");
            found.AddRange((await Axe.SeriousViolationsAsync(Page)).Select(v => $"{path}: {v}"));
            var (mains, headings) = (await Page.Locator("main").CountAsync(), await Page.Locator("h1").CountAsync());
            if ((mains, headings) != (1, 1))
                found.Add($"{path}: {mains} <main> and {headings} <h1>, where each page has one of each");
        }
        return found;
    }

    [Fact]
    public async Task Pages_open_to_anyone_have_no_serious_violations()
    {
        var found = await CheckAsync(StaticAnonymousPages, interactive: false);
        found.AddRange(await CheckAsync(["/signup"]));

        Assert.True(found.Count == 0, string.Join("\n", found));
    }

    [Theory]
    [InlineData("admin@acme.test", false)]
    [InlineData("admin@acme.test", true)]
    [InlineData("ana@acme.test", false)]
    [InlineData("ana@acme.test", true)]
    public async Task Every_page_a_customer_user_sees_has_no_serious_violations(string email, bool dark)
    {
        await Page.GotoAsync("/");
        await new LoginPage(Page).SignInAsync(email);
        await new PortalPage(Page).WaitForCircuitAsync();
        if (dark)
            await new PortalPage(Page).ToggleThemeAsync();
        var pages = email.StartsWith("admin", StringComparison.Ordinal) ? AdminPages : MemberPages;
        var environment = await FirstLinkAsync("/environments", "environments/");
        var repo = await FirstLinkAsync("/repos", "repos/");
        var group = await FirstLinkAsync("/groups", "groups/");

        var found = await CheckAsync([.. pages, "/" + environment, "/" + repo, "/" + group]);

        Assert.True(found.Count == 0, string.Join("\n", found));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Support_pages_and_an_impersonated_customer_with_its_banner_have_no_serious_violations(bool dark)
    {
        await Page.GotoAsync("/");
        await new LoginPage(Page).SignInAsync("support@datatricks.test");
        await new PortalPage(Page).WaitForCircuitAsync();
        if (dark)
            await new PortalPage(Page).ToggleThemeAsync();
        var found = await CheckAsync(["/support/customers"]);

        await new SupportCustomersPage(Page).ImpersonateAsync("Globex", "Accessibility check");
        await new PortalPage(Page).ImpersonationBanner.WaitForAsync();
        try
        {
            found.AddRange(await CheckAsync(["/", "/environments", "/users", "/audit"]));
        }
        finally
        {
            await new PortalPage(Page).EndImpersonationAsync();
        }

        Assert.True(found.Count == 0, string.Join("\n", found));
    }

    private async Task<string?> FirstLinkAsync(string list, string prefix)
    {
        await new PortalPage(Page).GoToAsync(list);
        return await Page.Locator($"a[href^='{prefix}']").First.GetAttributeAsync("href");
    }
}

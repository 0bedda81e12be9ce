using DataTricks.E2E.Pages;
using DataTricks.E2E.Support;
using DataTricks.Portal.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace DataTricks.E2E;

/// <summary>
/// Signing in through a customer's own identity provider: a real OpenID provider (oidc-provider from tools/, on
/// 127.0.0.1) with the portal process, driven in the browser as a person would.
/// </summary>
public sealed class SingleSignOnTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private const string Password = "Str0ng-Password!";
    private readonly OpenIdProviderProcess _provider = OpenIdProviderProcess.Create();

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await _provider.DisposeAsync();
    }

    /// <summary>A customer of the test's own with single sign-on for its domain, and the provider that knows <paramref name="accounts"/>.</summary>
    private Task<(PortalApi Admin, string Domain)> CustomerWithSsoAsync(bool allowJustInTime, params ProviderAccount[] accounts) =>
        CustomerWithSsoAsync(allowJustInTime, requireSso: false, accounts);

    private async Task<(PortalApi Admin, string Domain)> CustomerWithSsoAsync(bool allowJustInTime, bool requireSso, params ProviderAccount[] accounts)
    {
        var tag = Guid.NewGuid().ToString("N")[..10];
        var domain = $"{tag}.sso.test";
        await PortalApi.SignUpAsync(BaseAddress, $"SSO {tag}", $"admin@{domain}", Password);
        var admin = await PortalApi.SignInAsync(BaseAddress, $"admin@{domain}", Password);
        _provider.RedirectUris.Add(new Uri(BaseAddress, $"signin-oidc/{await admin.CustomerIdAsync()}").ToString());
        _provider.Accounts.AddRange(accounts.Select(a => a with { Email = a.Email.Replace("@domain", "@" + domain, StringComparison.Ordinal) }));
        await _provider.RestartAsync();
        await admin.PutSsoAsync(new
        {
            issuer = _provider.Issuer,
            clientId = OpenIdProviderProcess.ClientId,
            clientSecret = OpenIdProviderProcess.ClientSecret,
            domains = new[] { domain },
            allowJustInTime,
            requireSso,
            breakGlassAdminIds = requireSso ? new[] { await admin.UserIdAsync($"admin@{domain}") } : [],
        });
        return (admin, domain);
    }

    /// <summary>The provider's own sign-in page: it takes any password for an account it knows.</summary>
    private async Task SignInAtProviderAsync(string login)
    {
        await Page.Locator("input[name='login']").FillAsync(login);
        await Page.Locator("input[name='password']").FillAsync("anything");
        await Page.Locator("button[type='submit']").ClickAsync();
    }

    [Fact]
    public async Task A_new_person_signs_in_through_the_companys_provider_is_created_and_is_the_same_user_next_time()
    {
        var (admin, domain) = await CustomerWithSsoAsync(allowJustInTime: true, new ProviderAccount("dora", "subject-dora", "dora@domain", Name: "Dora Data"));
        var login = new LoginPage(Page);

        await login.EnterEmailAsync($"dora@{domain}");
        await Expect(login.SsoOffer).ToContainTextAsync("127.0.0.1");
        await login.ContinueWithSsoAsync();
        await SignInAtProviderAsync("dora");

        await Expect(new PortalPage(Page).UserName).ToHaveTextAsync("Dora Data");
        await Page.Locator("#sign-out").ClickAsync();
        await login.EnterEmailAsync($"dora@{domain}");
        await login.ContinueWithSsoAsync();
        // The provider remembers her: she is back without typing anything there.
        await Expect(new PortalPage(Page).UserName).ToHaveTextAsync("Dora Data");
        Assert.Equal([$"admin@{domain}", $"dora@{domain}"], (await admin.UserEmailsAsync()).Order());
    }

    [Fact]
    public async Task A_person_the_provider_does_not_vouch_for_sees_why_and_no_account_is_made()
    {
        var (admin, domain) = await CustomerWithSsoAsync(allowJustInTime: true, new ProviderAccount("eve", "subject-eve", "eve@domain", EmailVerified: false));
        var login = new LoginPage(Page);

        await login.EnterEmailAsync($"eve@{domain}");
        await login.ContinueWithSsoAsync();
        await SignInAtProviderAsync("eve");

        await Expect(Page.Locator("#sso-failed")).ToContainTextAsync("did not confirm your e-mail address is verified");
        Assert.Equal([$"admin@{domain}"], await admin.UserEmailsAsync());
    }

    [Fact]
    public async Task An_admin_of_a_domain_with_single_sign_on_can_still_use_a_password()
    {
        var (_, domain) = await CustomerWithSsoAsync(allowJustInTime: false);
        var login = new LoginPage(Page);

        await login.EnterEmailAsync($"admin@{domain}");
        await login.UsePasswordInsteadAsync();
        await Page.Locator("#password").FillAsync(Password);
        await Page.Locator("#sign-in").ClickAsync();

        await Expect(new PortalPage(Page).Title).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^SSO "));
    }

    [Theory]
    [InlineData("outsider", "Your identity provider signed you in with an address outside the domains")]
    [InlineData("gone", "did not let you sign in")]
    public async Task An_address_outside_the_domains_and_a_person_the_provider_refuses_see_why(string person, string message)
    {
        var (admin, domain) = await CustomerWithSsoAsync(allowJustInTime: true,
            new ProviderAccount("outsider", "subject-outsider", "outsider@elsewhere.test"),
            new ProviderAccount("gone", "subject-gone", "gone@domain", Disabled: true));
        var login = new LoginPage(Page);

        await login.EnterEmailAsync($"{person}@{domain}");
        await login.ContinueWithSsoAsync();
        await SignInAtProviderAsync(person);

        await Expect(Page.Locator("#sso-failed")).ToContainTextAsync(message);
        Assert.Equal([$"admin@{domain}"], await admin.UserEmailsAsync());
    }

    [Fact]
    public async Task A_deactivated_user_cannot_sign_in_through_the_provider()
    {
        var (admin, domain) = await CustomerWithSsoAsync(allowJustInTime: false, new ProviderAccount("max", "subject-max", "max@domain"));
        await admin.AddUserAsync($"max@{domain}", "Member", Password);
        await admin.DeactivateAsync(await admin.UserIdAsync($"max@{domain}"));
        var login = new LoginPage(Page);

        await login.EnterEmailAsync($"max@{domain}");
        await login.ContinueWithSsoAsync();
        await SignInAtProviderAsync("max");

        await Expect(Page.Locator("#sso-failed")).ToContainTextAsync("Your account is deactivated");
    }

    [Fact]
    public async Task Once_required_a_members_password_is_refused_while_a_break_glass_admin_signs_in_with_the_provider_down()
    {
        var (admin, domain) = await CustomerWithSsoAsync(allowJustInTime: false, requireSso: true);
        await admin.AddUserAsync($"mia@{domain}", "Member", Password);
        await _provider.StopAsync();
        var login = new LoginPage(Page);

        await login.EnterEmailAsync($"mia@{domain}");
        await login.UsePasswordInsteadAsync();
        await Page.Locator("#password").FillAsync(Password);
        await Page.Locator("#sign-in").ClickAsync();
        await Expect(login.Error).ToContainTextAsync("requires single sign-on");

        await Page.GotoAsync("/account/login");
        await login.EnterEmailAsync($"admin@{domain}");
        await login.UsePasswordInsteadAsync();
        await Page.Locator("#password").FillAsync(Password);
        await Page.Locator("#sign-in").ClickAsync();
        await Expect(new PortalPage(Page).Title).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^SSO "));
    }

    [Fact]
    public async Task A_provider_that_is_down_ends_on_a_page_that_says_so()
    {
        var (_, domain) = await CustomerWithSsoAsync(allowJustInTime: true, new ProviderAccount("dora", "subject-dora", "dora@domain"));
        var login = new LoginPage(Page);
        await login.EnterEmailAsync($"dora@{domain}");

        await _provider.StopAsync();
        await login.ContinueWithSsoAsync();

        await Expect(Page.Locator("#sso-failed")).ToContainTextAsync("could not be reached");
    }

    [Fact]
    public async Task After_the_provider_rotates_its_keys_the_next_sign_in_still_works()
    {
        var (_, domain) = await CustomerWithSsoAsync(allowJustInTime: true, new ProviderAccount("dora", "subject-dora", "dora@domain", Name: "Dora Data"));
        var login = new LoginPage(Page);
        await login.EnterEmailAsync($"dora@{domain}");
        await login.ContinueWithSsoAsync();
        await SignInAtProviderAsync("dora");
        await Expect(new PortalPage(Page).UserName).ToHaveTextAsync("Dora Data");
        await Page.Locator("#sign-out").ClickAsync();

        // Every start of the test provider signs with a new key.
        await _provider.RestartAsync();
        await login.EnterEmailAsync($"dora@{domain}");
        await login.ContinueWithSsoAsync();
        await SignInAtProviderAsync("dora");

        await Expect(new PortalPage(Page).UserName).ToHaveTextAsync("Dora Data");
    }
}

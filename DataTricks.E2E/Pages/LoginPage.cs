using Microsoft.Playwright;

namespace DataTricks.E2E.Pages;

public sealed class LoginPage(IPage page)
{
    public const string DemoPassword = "Demo-Passw0rd!";

    public ILocator Error => page.Locator("#login-error");
    public ILocator SignedUpNotice => page.Locator("#signed-up");

    public Task OpenAsync() => page.GotoAsync("/account/login");

    /// <summary>Offered when the e-mail and password open accounts in several customers.</summary>
    public ILocator Customer(string name) => page.Locator("#choose-customer").GetByLabel(name, new() { Exact = true });

    public Task ContinueAsync() => page.Locator("#sign-in").ClickAsync();

    /// <summary>The e-mail first, then the password the page asks for.</summary>
    public async Task SignInAsync(string email, string password = DemoPassword)
    {
        if (!page.Url.Contains("/account/login", StringComparison.Ordinal))
            await OpenAsync();
        await page.Locator("#email").FillAsync(email);
        // After a refused password the page is at its password step already; the form takes both at once.
        if (await page.Locator("#continue").CountAsync() > 0)
            await page.Locator("#continue").ClickAsync();
        await page.Locator("#password").FillAsync(password);
        await page.Locator("#sign-in").ClickAsync();
    }

    /// <summary>The e-mail of a domain with single sign-on: the page offers its provider.</summary>
    public async Task EnterEmailAsync(string email)
    {
        if (!page.Url.Contains("/account/login", StringComparison.Ordinal))
            await OpenAsync();
        await page.Locator("#email").FillAsync(email);
        await page.Locator("#continue").ClickAsync();
    }

    public ILocator SsoOffer => page.Locator("#sso-offer");

    public Task ContinueWithSsoAsync() => page.Locator("#sso-continue").ClickAsync();

    public Task UsePasswordInsteadAsync() => page.Locator("#use-password").ClickAsync();
}

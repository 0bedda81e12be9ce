using Microsoft.Playwright;

namespace DataTricks.E2E.Pages;

public sealed class SignupPage(IPage page)
{
    public ILocator Error => page.Locator("#signup-error");

    public async Task SignUpAsync(string customer, string email, string password)
    {
        await new PortalPage(page).GoToAsync("/signup");
        await page.Locator("#customer-name").FillAsync(customer);
        await page.Locator("#admin-email").FillAsync(email);
        await page.Locator("#admin-password").FillAsync(password);
        await page.Locator("#create-account").ClickAsync();
    }

    /// <summary>Signs up and waits for the sign-in page the portal sends a new admin to.</summary>
    public async Task SignUpAndWaitAsync(string customer, string email, string password)
    {
        await SignUpAsync(customer, email, password);
        await page.WaitForURLAsync("**/account/login?signedUp=true**");
    }
}

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
}

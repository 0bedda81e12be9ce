using Microsoft.Playwright;

namespace DataTricks.E2E.Pages;

/// <summary>The support access section of the settings page.</summary>
public sealed class SupportAccessPanel(IPage page)
{
    public ILocator Status => page.Locator("#support-access-status");

    public Task GrantAsync() => page.Locator("#support-access-grant").ClickAsync();

    public Task RevokeAsync() => page.Locator("#support-access-revoke").ClickAsync();
}

using Microsoft.Playwright;

namespace DataTricks.E2E.Support;

/// <summary>
/// A test with a fresh browser context and page on the shared portal. A failed test leaves a screenshot in
/// TestResults/screenshots for diagnosis.
/// </summary>
[Collection(BrowserCollection.Name)]
public abstract class BrowserTest(BrowserFixture fixture) : IAsyncLifetime
{
    private IBrowserContext _context = null!;

    protected IPage Page { get; private set; } = null!;
    protected Uri BaseAddress => fixture.Portal.BaseAddress;
    protected PortalFiles Files => fixture.Files;
    protected PortalProcess Portal => fixture.Portal;
    protected Microsoft.Playwright.IBrowser Browser => fixture.Browser;

    public async ValueTask InitializeAsync()
    {
        _context = await fixture.Browser.NewContextAsync(new() { BaseURL = BaseAddress.ToString() });
        Page = await _context.NewPageAsync();
    }

    public virtual async ValueTask DisposeAsync()
    {
        if (TestContext.Current.TestState?.Result == TestResult.Failed)
        {
            var directory = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "TestResults", "screenshots");
            Directory.CreateDirectory(directory);
            var name = string.Concat((TestContext.Current.Test?.TestDisplayName ?? "test").Split(Path.GetInvalidFileNameChars()));
            await Page.ScreenshotAsync(new() { Path = Path.Combine(directory, name + ".png"), FullPage = true });
        }
        await _context.DisposeAsync();
    }
}

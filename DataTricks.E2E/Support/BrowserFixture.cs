using Microsoft.Playwright;

namespace DataTricks.E2E.Support;

/// <summary>One headless Chromium and one portal process for the whole run; each test gets a fresh browser context.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private readonly PortalFiles _files = new();
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;
    public PortalProcess Portal { get; private set; } = null!;
    public PortalFiles Files => _files;

    public async ValueTask InitializeAsync()
    {
        Portal = await PortalProcess.StartAsync(_files, new Dictionary<string, string>
        {
            ["SimulatedCloud:StepDelay"] = "00:00:00.500",
            // The tests' webhook receivers run on this machine.
            ["Webhooks:AllowPrivateTargets"] = "true",
        });
        _playwright = await Playwright.CreateAsync();
        Browser = await HeadlessChromium.LaunchAsync(_playwright);
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
            await Browser.DisposeAsync();
        _playwright?.Dispose();
        if (Portal is not null)
            await Portal.DisposeAsync();
        _files.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}

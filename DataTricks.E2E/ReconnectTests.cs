using DataTricks.E2E.Pages;
using DataTricks.E2E.Support;
using static Microsoft.Playwright.Assertions;

namespace DataTricks.E2E;

/// <summary>A page left open while the portal restarts comes back by itself and shows the state of now.</summary>
public sealed class ReconnectTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private readonly PortalFiles _files = new();

    // xunit v3 calls only DisposeAsync on a class that is both IAsyncLifetime and IDisposable: the files go here.
    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _files.Dispose();
    }

    [Fact]
    public async Task An_open_page_reconnects_after_a_restart_and_shows_the_current_state()
    {
        // Cloud work outlives the portal: the restarted one checks on what the first began, and finishes it.
        var settings = new Dictionary<string, string>
        {
            ["SimulatedCloud:StepDelay"] = "00:00:03", ["Provisioning:LeaseDuration"] = "00:00:03", ["Provisioning:SweepInterval"] = "00:00:01",
        };
        await using var portal = await PortalProcess.StartAsync(_files, settings);
        var port = portal.BaseAddress.Port;
        await using var context = await Browser.NewContextAsync(new() { BaseURL = portal.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/environments");
        await new LoginPage(page).SignInAsync("admin@acme.test");
        await new PortalPage(page).WaitForCircuitAsync();
        var api = await PortalApi.SignInAsync(portal.BaseAddress, "admin@acme.test");
        await api.CreateEnvironmentAsync("restart-env");
        var card = new EnvironmentsPage(page).Card("restart-env");
        await Expect(card).ToHaveAttributeAsync("data-status", "Provisioning");

        await portal.KillAsync();
        await using var restarted = await PortalProcess.StartAsync(_files, settings, port);

        await Expect(card).ToHaveAttributeAsync("data-status", "Ready", new() { Timeout = 60_000 });
    }
}

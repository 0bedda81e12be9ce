using Microsoft.Playwright;

namespace DataTricks.E2E.Support;

/// <summary>
/// Debian's Chromium in its headless shell (package <c>chromium-headless-shell</c>, the same Chromium as the browser),
/// which is also what Playwright runs for headless tests by default: the full browser started headless drew about
/// twice the CPU for the same tests (417 against 212 s over the browser stage), and the browser tests are CPU-bound.
/// </summary>
public static class HeadlessChromium
{
    public const string Executable = "/usr/bin/chromium-headless-shell";

    public static Task<IBrowser> LaunchAsync(IPlaywright playwright) => playwright.Chromium.LaunchAsync(new()
    {
        ExecutablePath = Executable,
        Headless = true,
        Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    });
}

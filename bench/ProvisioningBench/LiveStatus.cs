using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using DataTricks.E2E.Support;
using Microsoft.Playwright;

namespace DataTricks.Bench;

/// <summary>
/// Time from a transition being saved (an environment's <c>readyAt</c>, stamped when the worker saves it Ready) to an
/// open page's card showing it, as the browser's own clock records the change.
/// </summary>
internal static class LiveStatus
{
    private const string Password = "Demo-Passw0rd!";

    public static async Task<Latencies> MeasureAsync(int environments)
    {
        using var files = new PortalFiles(postgresServer: null);
        await using var portal = await PortalProcess.StartAsync(files, new Dictionary<string, string>
        {
            ["SimulatedCloud:StepDelay"] = "00:00:01",
            ["RateLimiting:SignInPerAddress"] = "100000",
        });
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await HeadlessChromium.LaunchAsync(playwright);
        var page = await browser.NewPageAsync(new() { BaseURL = portal.BaseAddress.ToString() });
        await page.GotoAsync("/environments");
        await new DataTricks.E2E.Pages.LoginPage(page).SignInAsync("admin@acme.test", Password);
        await page.Locator("[data-interactive=true]").WaitForAsync();
        await page.EvaluateAsync(
            """
            () => {
                window.readyAt = {};
                new MutationObserver(() => {
                    for (const card of document.querySelectorAll("[data-environment][data-status=Ready]")) {
                        const name = card.getAttribute("data-environment");
                        if (!(name in window.readyAt)) window.readyAt[name] = Date.now();
                    }
                }).observe(document.body, { subtree: true, childList: true, attributes: true });
            }
            """);

        using var http = new HttpClient { BaseAddress = portal.BaseAddress };
        var token = (await (await http.PostAsJsonAsync("/api/v1/auth/token", new { email = "admin@acme.test", password = Password }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var ids = new Dictionary<string, Guid>();
        for (var i = 0; i < environments; i++)
        {
            var name = $"live-{i:000}";
            var created = await http.PostAsJsonAsync("/api/v1/compute-environments", new { name, cloud = "Aws", region = "us-east-1" });
            ids[name] = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
            await Task.Delay(200);
        }

        var latencies = new Latencies();
        foreach (var (name, id) in ids)
        {
            await page.Locator($"[data-environment='{name}'][data-status=Ready]").WaitForAsync(new() { Timeout = 120_000 });
            var shownAt = DateTimeOffset.FromUnixTimeMilliseconds(await page.EvaluateAsync<long>($"() => window.readyAt['{name}']"));
            var saved = await http.GetFromJsonAsync<JsonElement>($"/api/v1/compute-environments/{id}");
            latencies.Add(shownAt - saved.GetProperty("readyAt").GetDateTimeOffset());
        }
        return latencies;
    }
}

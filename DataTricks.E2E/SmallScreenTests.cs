using DataTricks.E2E.Pages;
using DataTricks.E2E.Support;
using DataTricks.Testing;

namespace DataTricks.E2E;

/// <summary>On a 390 px phone no page scrolls sideways: wide content collapses or scrolls inside itself.</summary>
public sealed class SmallScreenTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private static readonly string[] Pages = ["/", "/environments", "/repos", "/users", "/tokens", "/settings", "/settings/webhooks", "/audit", "/profile"];

    private async Task<List<string>> OverflowingAsync(IEnumerable<string> paths)
    {
        var found = new List<string>();
        foreach (var path in paths)
        {
            await Page.GotoAsync(path);
            await new PortalPage(Page).WaitForCircuitAsync();
            var width = await Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
            if (width > 390)
                found.Add($"{path} is {width} px wide");
            // The app bar keeps to one line: no text in it wraps to a second.
            var wrapped = await Page.EvaluateAsync<string[]>(
                """
                () => [...document.querySelectorAll("header.mud-appbar *")].flatMap(e => [...e.childNodes])
                    .filter(n => n.nodeType === Node.TEXT_NODE && n.textContent.trim())
                    .filter(n => { const r = document.createRange(); r.selectNodeContents(n); return new Set([...r.getClientRects()].map(b => Math.round(b.top))).size > 1; })
                    .map(n => n.textContent.trim())
                """);
            found.AddRange(wrapped.Select(text => $"{path}: '{text}' wraps in the app bar"));
        }
        return found;
    }

    [Fact]
    public async Task No_page_scrolls_sideways_at_390_px()
    {
        await Page.SetViewportSizeAsync(390, 844);
        await Page.GotoAsync("/account/login");
        var found = await OverflowingAsync([]);
        if (await Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth") > 390)
            found.Add("/account/login is too wide");
        await new LoginPage(Page).SignInAsync("admin@acme.test");
        await new PortalPage(Page).WaitForCircuitAsync();
        // A name with no place to break (a webhook's URL in the dashboard's recent changes) must wrap, not widen the page.
        await using var receiver = await WebhookReceiver.StartAsync();
        var webhooks = new WebhooksPage(Page);
        await webhooks.OpenAsync();
        await webhooks.AddAsync(receiver.Url($"/hooks/{Guid.NewGuid():N}{Guid.NewGuid():N}"), "operation.failed");
        await webhooks.CloseSecretAsync();

        found.AddRange(await OverflowingAsync(Pages));
        await new PortalPage(Page).GoToAsync("/repos");
        var repo = await Page.Locator("a[href^='repos/']").First.GetAttributeAsync("href");
        await new PortalPage(Page).GoToAsync("/environments");
        var environment = await Page.Locator("a[href^='environments/']").First.GetAttributeAsync("href");
        found.AddRange(await OverflowingAsync(["/" + repo, "/" + environment]));

        Assert.True(found.Count == 0, string.Join("\n", found));
    }

    [Theory]
    [InlineData("ana@acme.test", new[] { "/", "/environments", "/repos", "/users", "/tokens", "/profile" })]
    [InlineData("support@datatricks.test", new[] { "/support/customers", "/profile" })]
    public async Task No_page_a_member_or_support_sees_scrolls_sideways_at_390_px(string email, string[] paths)
    {
        await Page.SetViewportSizeAsync(390, 844);
        await Page.GotoAsync("/");
        await new LoginPage(Page).SignInAsync(email);
        await new PortalPage(Page).WaitForCircuitAsync();

        var found = await OverflowingAsync(paths);

        Assert.True(found.Count == 0, string.Join("\n", found));
    }
}

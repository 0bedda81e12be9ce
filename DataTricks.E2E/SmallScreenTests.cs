using DataTricks.E2E.Pages;
using DataTricks.E2E.Support;

namespace DataTricks.E2E;

/// <summary>On a 390 px phone no page scrolls sideways: wide content collapses or scrolls inside itself.</summary>
public sealed class SmallScreenTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private static readonly string[] Pages = ["/", "/environments", "/repos", "/users", "/tokens", "/settings", "/audit", "/profile"];

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

        found.AddRange(await OverflowingAsync(Pages));
        await new PortalPage(Page).GoToAsync("/repos");
        var repo = await Page.Locator("a[href^='repos/']").First.GetAttributeAsync("href");
        await new PortalPage(Page).GoToAsync("/environments");
        var environment = await Page.Locator("a[href^='environments/']").First.GetAttributeAsync("href");
        found.AddRange(await OverflowingAsync(["/" + repo, "/" + environment]));

        Assert.True(found.Count == 0, string.Join("\n", found));
    }
}

using System.Net.Http.Json;
using DataTricks.E2E.Pages;
using DataTricks.E2E.Support;
using static Microsoft.Playwright.Assertions;

namespace DataTricks.E2E;

public sealed class SignInTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task An_admin_signs_in_and_sees_their_customers_dashboard()
    {
        await Page.GotoAsync("/");
        await new LoginPage(Page).SignInAsync("admin@acme.test");

        var portal = new PortalPage(Page);
        await Expect(portal.Title).ToHaveTextAsync("Acme Analytics");
        await Expect(portal.UserName).ToHaveTextAsync("Alice Admin");
    }

    [Fact]
    public async Task A_cookie_copied_before_sign_out_is_refused_after_it_while_other_sessions_go_on()
    {
        await Page.GotoAsync("/");
        await new LoginPage(Page).SignInAsync("admin@globex.test");
        await Expect(new PortalPage(Page).Title).ToHaveTextAsync("Globex");
        var copied = string.Join("; ", (await Page.Context.CookiesAsync()).Select(c => $"{c.Name}={c.Value}"));
        await using var otherDevice = await Browser.NewContextAsync(new() { BaseURL = BaseAddress.ToString() });
        var otherPage = await otherDevice.NewPageAsync();
        await otherPage.GotoAsync("/");
        await new LoginPage(otherPage).SignInAsync("admin@globex.test");
        await Expect(new PortalPage(otherPage).Title).ToHaveTextAsync("Globex");
        Assert.Equal(System.Net.HttpStatusCode.OK, (await GetWithCookieAsync("/users", copied)).StatusCode);

        await Page.Locator("#sign-out").ClickAsync();
        await Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login"));

        var replayed = await GetWithCookieAsync("/users", copied);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, replayed.StatusCode);
        Assert.Equal("/account/login", replayed.Headers.Location?.AbsolutePath);
        await otherPage.GotoAsync("/users");
        await Expect(new PortalPage(otherPage).Title).ToHaveTextAsync("Users");
    }

    private async Task<HttpResponseMessage> GetWithCookieAsync(string path, string cookie)
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookie);
        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task A_password_that_opens_accounts_in_two_customers_asks_which_and_signs_in_to_the_one_chosen()
    {
        using var api = new HttpClient { BaseAddress = BaseAddress };
        foreach (var customerName in new[] { "Twin Peaks", "Twin Falls" })
        {
            var signup = await api.PostAsJsonAsync("/api/v1/signup",
                new { customerName, adminEmail = "dale@twins.test", adminPassword = "Str0ng-Password!" }, TestContext.Current.CancellationToken);
            Assert.Equal(System.Net.HttpStatusCode.Created, signup.StatusCode);
        }
        var login = new LoginPage(Page);

        await login.SignInAsync("dale@twins.test", "Str0ng-Password!");
        await Expect(login.Error).ToContainTextAsync("several customers");
        await login.Customer("Twin Falls").CheckAsync();
        await login.ContinueAsync();

        await Expect(new PortalPage(Page).Title).ToHaveTextAsync("Twin Falls");
    }

    [Fact]
    public async Task A_wrong_password_shows_a_message_and_stays_on_sign_in()
    {
        var login = new LoginPage(Page);
        await login.OpenAsync();

        await login.SignInAsync("admin@globex.test", "not-the-password");

        await Expect(login.Error).ToContainTextAsync("incorrect");
    }

    [Fact]
    public async Task A_new_customer_signs_up_then_signs_in_as_its_admin()
    {
        await new SignupPage(Page).SignUpAsync("Hooli", "gavin@hooli.test", "Str0ng-Password!");

        var login = new LoginPage(Page);
        await Expect(login.SignedUpNotice).ToBeVisibleAsync();
        await login.SignInAsync("gavin@hooli.test", "Str0ng-Password!");
        await Expect(new PortalPage(Page).Title).ToHaveTextAsync("Hooli");
        await Expect(Page.Locator("[data-count=Users]")).ToHaveTextAsync("1");
        await Expect(Page.Locator("[data-count='Compute environments']")).ToHaveTextAsync("0");

        // An empty account says where to begin; the first step leads to where it is done.
        await Page.Locator("#get-started-environment").ClickAsync();
        await Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/environments$"));
        await Expect(Page.Locator("#new-environment")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Dark_mode_toggle_changes_the_theme_over_the_live_circuit()
    {
        await Page.GotoAsync("/");
        await new LoginPage(Page).SignInAsync("gina@globex.test");
        var portal = new PortalPage(Page);
        await portal.WaitForCircuitAsync();
        var light = await portal.BackgroundColorAsync();

        await portal.ToggleThemeAsync();

        // Times out, failing the test, unless the background changes.
        await Page.WaitForFunctionAsync("light => getComputedStyle(document.body).backgroundColor !== light", light);
        var dark = await portal.BackgroundColorAsync();

        // The choice is remembered: the next page load starts dark, before and after the circuit is up.
        await Page.ReloadAsync();
        Assert.Equal(dark, await portal.BackgroundColorAsync());
        await portal.WaitForCircuitAsync();
        Assert.Equal(dark, await portal.BackgroundColorAsync());
    }

    [Fact]
    public async Task Without_a_choice_the_theme_follows_the_systems_preference()
    {
        await using var lightContext = await Browser.NewContextAsync(new() { BaseURL = BaseAddress.ToString(), ColorScheme = Microsoft.Playwright.ColorScheme.Light });
        await using var darkContext = await Browser.NewContextAsync(new() { BaseURL = BaseAddress.ToString(), ColorScheme = Microsoft.Playwright.ColorScheme.Dark });
        var backgrounds = new List<string>();
        foreach (var context in new[] { lightContext, darkContext })
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync("/");
            await new LoginPage(page).SignInAsync("gina@globex.test");
            var portal = new PortalPage(page);
            await portal.WaitForCircuitAsync();
            await Expect(page.Locator("#theme-toggle")).ToHaveAttributeAsync("aria-pressed", context == darkContext ? "true" : "false");
            backgrounds.Add(await portal.BackgroundColorAsync());
        }

        Assert.NotEqual(backgrounds[0], backgrounds[1]);
    }
}

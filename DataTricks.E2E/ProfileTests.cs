using DataTricks.E2E.Pages;
using DataTricks.E2E.Support;
using static Microsoft.Playwright.Assertions;

namespace DataTricks.E2E;

/// <summary>A person keeps their own account: their name, and their password, which needs the current one.</summary>
public sealed class ProfileTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task A_person_renames_themselves_and_changes_their_password_which_signs_them_out()
    {
        const string password = "Profile-Passw0rd!", newPassword = "Profile-Passw0rd-2!";
        await PortalApi.SignUpAsync(BaseAddress, "Profile Co", "owner@profile.test", password);
        await Page.GotoAsync("/");
        await new LoginPage(Page).SignInAsync("owner@profile.test", password);
        await new PortalPage(Page).WaitForCircuitAsync();

        await Page.Locator("#user-name").ClickAsync();
        await Expect(Page.Locator("#profile-email")).ToHaveTextAsync("owner@profile.test");
        await Page.Locator("#profile-name").FillAsync("Olivia Owner");
        await Page.Locator("#save-profile-name").ClickAsync();
        await Expect(Page.Locator(".mud-snackbar")).ToContainTextAsync("Your name is saved.");
        await Page.ReloadAsync();
        await new PortalPage(Page).WaitForCircuitAsync();
        await Expect(Page.Locator("#profile-name")).ToHaveValueAsync("Olivia Owner");

        await Page.Locator("#current-password").FillAsync("not-my-password");
        await Page.Locator("#new-password").FillAsync(newPassword);
        await Page.Locator("#change-password").ClickAsync();
        await Expect(Page.Locator("text=That is not your current password.")).ToBeVisibleAsync();

        await Page.Locator("#current-password").FillAsync(password);
        await Page.Locator("#new-password").FillAsync(newPassword);
        await Page.Locator("#change-password").ClickAsync();
        // Every session ends, this one too: the page is back at sign-in (with a notice, unless the end of the session got there first).
        await Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login"));

        await new LoginPage(Page).SignInAsync("owner@profile.test", password);
        await Expect(new LoginPage(Page).Error).ToBeVisibleAsync();
        await new LoginPage(Page).SignInAsync("owner@profile.test", newPassword);
        await new PortalPage(Page).WaitForCircuitAsync();
        await Expect(Page.Locator("#user-name")).ToHaveTextAsync("Olivia Owner");
    }

    [Fact]
    public async Task Signing_out_everywhere_from_the_profile_ends_this_session_and_one_in_another_browser()
    {
        const string password = "Sessions-Passw0rd!";
        await PortalApi.SignUpAsync(BaseAddress, "Sessions Co", "owner@sessions.test", password);
        await using var other = await Browser.NewContextAsync(new() { BaseURL = BaseAddress.ToString() });
        var elsewhere = await other.NewPageAsync();
        await elsewhere.GotoAsync("/");
        await new LoginPage(elsewhere).SignInAsync("owner@sessions.test", password);
        await new PortalPage(elsewhere).WaitForCircuitAsync();
        await Page.GotoAsync("/profile");
        await new LoginPage(Page).SignInAsync("owner@sessions.test", password);
        await new PortalPage(Page).WaitForCircuitAsync();

        await Page.Locator("#sign-out-everywhere").ClickAsync();
        await Page.Locator(".mud-dialog").GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Sign out everywhere" }).ClickAsync();

        await Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login"));
        await elsewhere.GotoAsync("/users");
        await Expect(elsewhere).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login"));
    }
}

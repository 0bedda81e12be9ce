using DataTricks.E2E.Pages;
using DataTricks.E2E.Support;
using static Microsoft.Playwright.Assertions;

namespace DataTricks.E2E;

public sealed class UsersAndReposTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task An_admin_adds_a_user_creates_a_repo_and_makes_the_user_a_member()
    {
        await Page.GotoAsync("/users");
        await new LoginPage(Page).SignInAsync("admin@acme.test");
        var users = new UsersPage(Page);
        await new PortalPage(Page).WaitForCircuitAsync();

        await users.AddAsync("dora@acme.test", "Dora Data");
        await Expect(Page.Locator(".mud-dialog").Filter(new() { HasText = "initial password" })).ToBeVisibleAsync();
        await Page.Keyboard.PressAsync("Escape");
        await Expect(users.Table).ToContainTextAsync("dora@acme.test");

        var repos = new ReposPage(Page);
        await repos.OpenAsync();
        await repos.CreateAsync("Supply Chain", "ml-training");
        await Expect(repos.Table).ToContainTextAsync("Supply Chain");
        await repos.OpenRepoAsync("Supply Chain");

        var repo = new RepoDetailPage(Page);
        await Expect(repo.Title).ToHaveTextAsync("Supply Chain");
        await repo.AddMemberAsync("Dora Data");
        await Expect(repo.Members).ToContainTextAsync("dora@acme.test");
        await repos.OpenAsync();
        await Expect(repos.Table.Locator("tr").Filter(new() { HasText = "Supply Chain" })).ToContainTextAsync("1");
    }

    // Both roles in one test: a locator that found nothing would pass the member's half alone.
    [Theory]
    [InlineData("admin@acme.test", true)]
    [InlineData("ben@acme.test", false)]
    public async Task Write_buttons_are_there_for_admins_only_and_members_are_refused_admin_pages(string email, bool isAdmin)
    {
        var shown = isAdmin ? 1 : 0;
        await Page.GotoAsync("/users");
        await new LoginPage(Page).SignInAsync(email);
        var users = new UsersPage(Page);
        await new PortalPage(Page).WaitForCircuitAsync();

        await Expect(users.Table).ToContainTextAsync("ben@acme.test");
        await Expect(users.AddButton).ToHaveCountAsync(shown);
        await Expect(users.EditButtons).ToHaveCountAsync(isAdmin ? await users.Table.Locator("tbody tr").CountAsync() : 0);

        var repos = new ReposPage(Page);
        await repos.OpenAsync();
        await Expect(repos.NewButton).ToHaveCountAsync(shown);
        await repos.OpenRepoAsync("Churn Model");
        var repo = new RepoDetailPage(Page);
        await Expect(repo.Members).ToContainTextAsync("ben@acme.test");
        await Expect(repo.AdminButtons).ToHaveCountAsync(3 * shown);

        await Page.GotoAsync("/audit");
        await Expect(Page.Locator("#access-denied")).ToHaveCountAsync(1 - shown);
        await Expect(Page.Locator("#audit-table")).ToHaveCountAsync(shown);
    }
}

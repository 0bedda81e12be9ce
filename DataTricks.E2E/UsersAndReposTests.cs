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

    [Fact]
    public async Task A_member_sees_no_write_buttons_and_is_refused_admin_pages()
    {
        await Page.GotoAsync("/users");
        await new LoginPage(Page).SignInAsync("ben@acme.test");
        var users = new UsersPage(Page);
        await new PortalPage(Page).WaitForCircuitAsync();

        await Expect(users.Table).ToContainTextAsync("admin@acme.test");
        await Expect(users.AddButton).ToHaveCountAsync(0);
        await Expect(users.EditButtons).ToHaveCountAsync(0);

        var repos = new ReposPage(Page);
        await repos.OpenAsync();
        await Expect(repos.NewButton).ToHaveCountAsync(0);
        await repos.OpenRepoAsync("Churn Model");
        var repo = new RepoDetailPage(Page);
        await Expect(repo.Members).ToContainTextAsync("ben@acme.test");
        await Expect(repo.AdminButtons).ToHaveCountAsync(0);

        await Page.GotoAsync("/audit");
        await Expect(Page.Locator("#access-denied")).ToBeVisibleAsync();
    }
}

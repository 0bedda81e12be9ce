using DataTricks.E2E.Pages;
using DataTricks.E2E.Support;
using static Microsoft.Playwright.Assertions;

namespace DataTricks.E2E;

public sealed class GroupsTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task A_repo_shared_with_a_group_is_used_through_it_and_leaving_the_group_shows_at_once_on_the_open_repo_page()
    {
        await Page.GotoAsync("/groups");
        await new LoginPage(Page).SignInAsync("admin@acme.test");
        await new PortalPage(Page).WaitForCircuitAsync();
        var groups = new GroupsPage(Page);
        await groups.CreateAsync("Platform Team", "Runs the shared infrastructure");
        await Expect(groups.Table).ToContainTextAsync("Platform Team");
        await groups.OpenGroupAsync("Platform Team");
        var group = new GroupDetailPage(Page);
        await Expect(group.Title).ToHaveTextAsync("Platform Team");
        await group.AddMemberAsync("Ben Engineer");
        await Expect(group.Members).ToContainTextAsync("ben@acme.test");

        // The same admin has the repo open in a second tab.
        var repoTab = await Page.Context.NewPageAsync();
        var repos = new ReposPage(repoTab);
        await repos.OpenAsync();
        await repos.OpenRepoAsync("Sales Dashboards");
        var repo = new RepoDetailPage(repoTab);
        await repo.ShareWithGroupAsync("Platform Team");
        await Expect(repo.Access("ben@acme.test")).ToHaveTextAsync("Through Platform Team");

        await group.RemoveMemberAsync("ben@acme.test");

        await Expect(repo.Access("ben@acme.test")).ToHaveCountAsync(0);
        await Expect(repo.Access("ana@acme.test")).ToHaveCountAsync(1);
    }
}

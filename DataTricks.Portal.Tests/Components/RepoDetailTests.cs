using Bunit;
using DataTricks.Domain.ComputeEnvironments;
using DataTricks.Domain.Groups;
using DataTricks.Domain.Repos;
using DataTricks.Domain.Users;
using DataTricks.Portal.Components.Pages.Repos;
using DataTricks.Portal.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace DataTricks.Portal.Tests.Components;

public sealed class RepoDetailTests : ComponentTest
{
    private async Task<(RepoView Repo, Guid Member)> SeedAsync()
    {
        var environment = await Services.GetRequiredService<ComputeEnvironmentService>()
            .CreateAsync(new CreateEnvironmentRequest("detail-env", "Gcp", "us-central1", null, 1, 2), null);
        var repos = Services.GetRequiredService<RepoService>();
        var repo = await repos.CreateAsync(new CreateRepoRequest("Pricing", "Price elasticity models", environment.Value!.Environment.Id));
        var user = await Services.GetRequiredService<UserService>().CreateAsync(new CreateUserRequest("mia@test.test", "Mia Modeller", Roles.Member, null));
        await Services.GetRequiredService<RepoAccessService>().AddMemberAsync(repo.Value!.Id, user.Value!.User.Id);
        return (repo.Value, user.Value.User.Id);
    }

    [Fact]
    public async Task Shows_the_repo_its_environment_status_and_its_members()
    {
        var (repo, _) = await SeedAsync();
        Render<MudPopoverProvider>();

        var page = Render<RepoDetail>(p => p.Add(r => r.Id, repo.Id));

        page.WaitForAssertion(() => Assert.Equal("Pricing", page.Find("#repo-title").TextContent));
        Assert.Contains("detail-env", page.Find("#repo-environment-line").TextContent);
        Assert.Equal("Pending", page.Find("#repo-environment-line [data-status]").GetAttribute("data-status"));
        page.WaitForAssertion(() => Assert.Contains("mia@test.test", page.Find("#member-table").TextContent));
    }

    [Fact]
    public async Task Removing_a_member_updates_the_list_says_so_and_can_be_undone()
    {
        var (repo, _) = await SeedAsync();
        Render<MudPopoverProvider>();
        var snackbar = Render<MudSnackbarProvider>();
        var page = Render<RepoDetail>(p => p.Add(r => r.Id, repo.Id));
        page.WaitForAssertion(() => Assert.Contains("mia@test.test", page.Find("#member-table").TextContent));

        // Found and clicked in one turn of the renderer: a redraw in between would retire the button's handler.
        await page.InvokeAsync(() => page.Find("button[data-remove='mia@test.test']").Click());

        page.WaitForAssertion(() => Assert.Equal("No members yet.", page.Find("#no-members").TextContent));
        snackbar.WaitForAssertion(() => Assert.Contains("mia@test.test removed.", snackbar.Markup));

        await snackbar.InvokeAsync(() => snackbar.FindAll(".mud-snackbar button").Single(b => b.TextContent.Contains("Undo", StringComparison.Ordinal)).Click());

        page.WaitForAssertion(() => Assert.Contains("mia@test.test", page.Find("#member-table").TextContent));
        snackbar.WaitForAssertion(() => Assert.Contains("mia@test.test is a member again.", snackbar.Markup));
    }

    // Both roles: a selector that matched nothing would pass the member's case alone.
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Edit_delete_and_add_controls_are_there_for_admins_only(bool isAdmin)
    {
        var (repo, _) = await SeedAsync();
        if (!isAdmin)
            ActAsMember();
        Render<MudPopoverProvider>();

        var page = Render<RepoDetail>(p => p.Add(r => r.Id, repo.Id));

        page.WaitForAssertion(() => Assert.Contains("mia@test.test", page.Find("#member-table").TextContent));
        var shown = isAdmin ? 1 : 0;
        Assert.Equal([shown, shown, shown, shown],
            new[] { "#edit-repo", "#delete-repo", "#add-member", "button[data-remove]" }.Select(s => page.FindAll(s).Count));
    }

    [Fact]
    public async Task Members_through_a_group_say_so_and_leave_the_list_live_when_the_group_loses_them()
    {
        var (repo, mia) = await SeedAsync();
        var bo = (await Services.GetRequiredService<UserService>().CreateAsync(new CreateUserRequest("bo@test.test", "Bo Builder", Roles.Member, null), Xunit.TestContext.Current.CancellationToken)).Value!.User.Id;
        var groups = Services.GetRequiredService<GroupService>();
        var finance = (await groups.CreateAsync(new CreateGroupRequest("Finance", null), Xunit.TestContext.Current.CancellationToken)).Value!;
        await groups.AddMemberAsync(finance.Id, mia, Xunit.TestContext.Current.CancellationToken);
        await groups.AddMemberAsync(finance.Id, bo, Xunit.TestContext.Current.CancellationToken);
        await Services.GetRequiredService<RepoAccessService>().ShareWithGroupAsync(repo.Id, finance.Id, Xunit.TestContext.Current.CancellationToken);
        Render<MudPopoverProvider>();

        var page = Render<RepoDetail>(p => p.Add(r => r.Id, repo.Id));

        page.WaitForAssertion(() => Assert.Equal("Through Finance", page.Find("[data-access='bo@test.test']").TextContent.Trim()));
        Assert.StartsWith("Direct since", page.Find("[data-access='mia@test.test']").TextContent.Trim());
        Assert.EndsWith("; through Finance", page.Find("[data-access='mia@test.test']").TextContent.Trim());
        Assert.Empty(page.FindAll("button[data-remove='bo@test.test']"));
        // The members and the groups are two reads: a render of the page around them may come between the two.
        page.WaitForAssertion(() => Assert.Single(page.FindAll("#group-grant-table tr[data-group='Finance']")));

        // Another admin, elsewhere, takes Bo out of the group: the open page follows.
        await Services.GetRequiredService<GroupService>().RemoveMemberAsync(finance.Id, bo, Xunit.TestContext.Current.CancellationToken);

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-access='bo@test.test']")));
        Assert.Single(page.FindAll("[data-access='mia@test.test']"));
    }
}

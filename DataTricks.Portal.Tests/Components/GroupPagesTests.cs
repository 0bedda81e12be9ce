using Bunit;
using DataTricks.Domain.ComputeEnvironments;
using DataTricks.Domain.Groups;
using DataTricks.Domain.Repos;
using DataTricks.Domain.Users;
using DataTricks.Portal.Components.Pages.Groups;
using DataTricks.Portal.Tests.Support;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace DataTricks.Portal.Tests.Components;

public sealed class GroupPagesTests : ComponentTest
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private async Task<(GroupView Group, Guid Ana, Guid Bo)> SeedAsync()
    {
        var users = Services.GetRequiredService<UserService>();
        var ana = (await users.CreateAsync(new CreateUserRequest("ana@test.test", "Ana Analyst", Roles.Member, null), Ct)).Value!.User.Id;
        var bo = (await users.CreateAsync(new CreateUserRequest("bo@test.test", "Bo Builder", Roles.Member, null), Ct)).Value!.User.Id;
        var groups = Services.GetRequiredService<GroupService>();
        var group = (await groups.CreateAsync(new CreateGroupRequest("Data Engineering", "Builds the pipelines"), Ct)).Value!;
        await groups.AddMemberAsync(group.Id, ana, Ct);
        var environment = await Services.GetRequiredService<ComputeEnvironmentService>().CreateAsync(new CreateEnvironmentRequest("group-env", "Gcp", "us-central1", null, 1, 2), null, Ct);
        var repo = await Services.GetRequiredService<RepoService>().CreateAsync(new CreateRepoRequest("Pipelines", null, environment.Value!.Environment.Id), Ct);
        await Services.GetRequiredService<RepoAccessService>().ShareWithGroupAsync(repo.Value!.Id, group.Id, Ct);
        return ((await groups.GetAsync(group.Id, Ct)).Value!, ana, bo);
    }

    [Fact]
    public async Task The_groups_page_lists_groups_with_their_members_and_repos_and_searches_through_the_url()
    {
        await SeedAsync();
        await Services.GetRequiredService<GroupService>().CreateAsync(new CreateGroupRequest("Finance", null), Ct);
        var navigation = Services.GetRequiredService<NavigationManager>();
        Render<MudPopoverProvider>();

        var page = Render<GroupsPage>();

        page.WaitForAssertion(() => Assert.Equal(["Data Engineering", "Finance"], page.FindAll("tr[data-group]").Select(r => r.GetAttribute("data-group"))));
        var row = page.Find("tr[data-group='Data Engineering']");
        Assert.Equal(["1", "1"], row.QuerySelectorAll("td[data-label='Members'], td[data-label='Repos']").Select(c => c.TextContent.Trim()));

        navigation.NavigateTo("groups?q=fin");

        page.WaitForAssertion(() => Assert.Equal(["Finance"], page.FindAll("tr[data-group]").Select(r => r.GetAttribute("data-group"))));
    }

    [Fact]
    public async Task A_new_group_is_created_from_the_dialog_and_a_taken_name_is_a_field_error()
    {
        await SeedAsync();
        Render<MudPopoverProvider>();
        var dialogs = Render<MudDialogProvider>();
        var page = Render<GroupsPage>();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("tr[data-group]")));

        await page.InvokeAsync(() => page.Find("#new-group").Click());
        dialogs.WaitForAssertion(() => dialogs.Find("#group-name"));
        dialogs.Find("#group-name").Input("data engineering");
        await dialogs.InvokeAsync(() => dialogs.Find("#save-group").Click());
        dialogs.WaitForAssertion(() => Assert.Contains("A group named 'data engineering' already exists.", dialogs.Markup));

        dialogs.Find("#group-name").Input("Finance");
        await dialogs.InvokeAsync(() => dialogs.Find("#save-group").Click());

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("tr[data-group]").Count));
    }

    [Fact]
    public async Task A_group_page_shows_its_repos_and_members_and_adding_or_removing_a_member_shows_at_once()
    {
        var (group, _, bo) = await SeedAsync();
        Render<MudPopoverProvider>();
        var snackbar = Render<MudSnackbarProvider>();

        var page = Render<GroupDetail>(p => p.Add(g => g.Id, group.Id));

        page.WaitForAssertion(() => Assert.Equal("Data Engineering", page.Find("#group-title").TextContent));
        page.WaitForAssertion(() => Assert.Equal(["Pipelines"], page.FindAll("#group-repos [data-repo]").Select(c => c.GetAttribute("data-repo"))));
        page.WaitForAssertion(() => Assert.Equal(["ana@test.test"], page.FindAll("tr[data-member]").Select(r => r.GetAttribute("data-member"))));

        await Services.GetRequiredService<GroupService>().AddMemberAsync(group.Id, bo, Ct);
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("tr[data-member]").Count));

        await page.InvokeAsync(() => page.Find("button[data-remove='ana@test.test']").Click());

        page.WaitForAssertion(() => Assert.Equal(["bo@test.test"], page.FindAll("tr[data-member]").Select(r => r.GetAttribute("data-member"))));
        snackbar.WaitForAssertion(() => Assert.Contains("ana@test.test removed.", snackbar.Markup));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Group_controls_are_there_for_admins_only(bool isAdmin)
    {
        var (group, _, _) = await SeedAsync();
        if (!isAdmin)
            ActAsMember();
        Render<MudPopoverProvider>();

        var page = Render<GroupDetail>(p => p.Add(g => g.Id, group.Id));

        page.WaitForAssertion(() => Assert.Single(page.FindAll("tr[data-member]")));
        var shown = isAdmin ? 1 : 0;
        Assert.Equal([shown, shown, shown, shown],
            new[] { "#edit-group", "#delete-group", "#add-group-member", "button[data-remove]" }.Select(s => page.FindAll(s).Count));
    }
}

using Bunit;
using DataTricks.Domain.Common;
using DataTricks.Domain.Users;
using DataTricks.Portal.Components.Pages.Users;
using DataTricks.Portal.Components.Shared;
using DataTricks.Portal.Tests.Support;
using MudBlazor;

namespace DataTricks.Portal.Tests.Components;

public sealed class UserTableTests : ComponentTest
{
    private static readonly TableUrlState FirstPage = TableUrlState.Parse(null, null, null, null, UserService.SortColumns, "name");

    private static OffsetPage<UserView> Users(int offset, int count, int total) => new(
        [.. Enumerable.Range(offset, count).Select(i => new UserView(Guid.NewGuid(), $"user{i:00}@test.test", $"User {i:00}", i == 0 ? Roles.Admin : Roles.Member, i != 5, DateTimeOffset.UtcNow))],
        total, offset);

    [Fact]
    public void Renders_the_rows_it_is_given_with_their_window_of_the_total()
    {
        var table = Render<UserTable>(p => p.Add(t => t.Rows, Users(0, 25, 53)).Add(t => t.State, FirstPage));

        Assert.Equal(25, table.FindAll("#user-table tbody tr").Count);
        Assert.Contains("user00@test.test", table.Markup);
        Assert.Equal("1–25 of 53 users", table.Find("#user-table-range").TextContent);
        Assert.Contains("Deactivated", table.Find("tr[data-user='user05@test.test']").TextContent);
    }

    // Both roles: a selector that matched nothing would pass the member's case alone.
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Edit_and_delete_buttons_are_on_every_row_for_admins_and_on_none_for_members(bool isAdmin)
    {
        if (!isAdmin)
            ActAsMember();

        var table = Render<UserTable>(p => p.Add(t => t.Rows, Users(0, 25, 53)).Add(t => t.State, FirstPage));

        Assert.Equal(25, table.FindAll("tbody tr").Count);
        var perPage = isAdmin ? 25 : 0;
        Assert.Equal((perPage, perPage), (table.FindAll("button[data-edit]").Count, table.FindAll("button[data-delete]").Count));
    }

    [Fact]
    public async Task The_add_user_dialog_shows_field_errors_then_returns_the_created_user()
    {
        var provider = Render<MudDialogProvider>();
        Render<MudPopoverProvider>();
        var dialogs = Services.GetService(typeof(IDialogService)) as IDialogService;
        var reference = await provider.InvokeAsync(() => dialogs!.ShowAsync<AddUserDialog>("Add a user"));

        provider.Find("#new-user-email").Input("not-an-email");
        provider.Find("#save-user").Click();
        provider.WaitForAssertion(() => Assert.Contains("Enter a valid e-mail address.", provider.Markup));

        provider.Find("#new-user-email").Input("fresh@test.test");
        provider.Find("#save-user").Click();
        var result = await reference.Result;

        var created = Assert.IsType<CreatedUser>(result!.Data);
        Assert.Equal("fresh@test.test", created.User.Email);
        Assert.NotNull(created.GeneratedPassword);
    }
}

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
    private readonly List<(int Offset, int Limit)> _loads = [];
    private readonly List<string?> _sorts = [];

    private Task<OffsetPage<UserView>> Load(ListQuery query, CancellationToken cancellationToken)
    {
        var (offset, limit) = (query.Offset, query.Limit);
        _loads.Add((offset, limit));
        _sorts.Add(query.Sort);
        var items = Enumerable.Range(offset, Math.Max(0, Math.Min(limit, 53 - offset)))
            .Select(i => new UserView(Guid.NewGuid(), $"user{i:00}@test.test", $"User {i:00}", i == 0 ? Roles.Admin : Roles.Member, i != 5, DateTimeOffset.UtcNow))
            .ToList();
        return Task.FromResult(new OffsetPage<UserView>(items, 53, offset));
    }

    [Fact]
    public void Renders_the_first_page_asked_of_the_server_with_the_total()
    {
        var table = Render<UserTable>(p => p.Add(t => t.Load, Load));

        table.WaitForAssertion(() => Assert.Equal(ListQuery.DefaultLimit, table.FindAll("tbody tr").Count));
        Assert.Equal([(0, ListQuery.DefaultLimit)], _loads);
        Assert.Contains("user00@test.test", table.Markup);
        Assert.Contains("1-25 of 53", table.Markup);
        Assert.Contains("Deactivated", table.Markup);
    }

    [Fact]
    public void The_next_page_is_loaded_from_the_server_at_its_offset()
    {
        var table = Render<UserTable>(p => p.Add(t => t.Load, Load));
        table.WaitForAssertion(() => Assert.Single(_loads));

        table.Find("button[aria-label='Next page']").Click();

        table.WaitForAssertion(() => Assert.Equal((25, 25), _loads[^1]));
        table.WaitForAssertion(() => Assert.Contains("user25@test.test", table.Markup));
    }

    [Fact]
    public void Sorting_by_a_column_asks_the_server_and_reports_the_state_for_the_url()
    {
        TableUrlState? reported = null;
        var table = Render<UserTable>(p => p.Add(t => t.Load, Load).Add(t => t.StateChanged, s => reported = s));
        table.WaitForAssertion(() => Assert.Single(_loads));

        table.FindAll(".mud-table-sort-label").Single(l => l.TextContent.Contains("E-mail")).Click();

        table.WaitForAssertion(() => Assert.Equal("email", _sorts[^1]));
        Assert.Equal("email", reported?.Sort);
        Assert.Equal("email", reported!.ToParameters()["sort"]);
    }

    [Fact]
    public void A_table_opened_from_a_url_starts_at_its_page_and_sort()
    {
        var state = TableUrlState.Parse("user", "-name", 2, 10, UserService.SortColumns, "name");

        var table = Render<UserTable>(p => p.Add(t => t.Load, Load).Add(t => t.State, state));

        table.WaitForAssertion(() => Assert.Equal((10, 10), _loads[^1]));
        Assert.Equal("-name", _sorts[^1]);
    }

    // Both roles: a selector that matched nothing would pass the member's case alone.
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Edit_and_delete_buttons_are_on_every_row_for_admins_and_on_none_for_members(bool isAdmin)
    {
        if (!isAdmin)
            ActAsMember();

        var table = Render<UserTable>(p => p.Add(t => t.Load, Load));

        table.WaitForAssertion(() => Assert.Equal(ListQuery.DefaultLimit, table.FindAll("tbody tr").Count));
        var perPage = isAdmin ? ListQuery.DefaultLimit : 0;
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

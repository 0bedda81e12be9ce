using Bunit;
using DataTricks.Domain.Common;
using DataTricks.Domain.Users;
using DataTricks.Portal.Components.Pages.Users;
using DataTricks.Portal.Components.Shared;
using DataTricks.Portal.Tests.Support;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace DataTricks.Portal.Tests.Components;

/// <summary>The one list of the portal: what it shows of a window, and the moves it asks of the URL.</summary>
public sealed class PagedTableTests : ComponentTest
{
    private static readonly string[] Columns = ["name", "created"];

    private TableUrlState? _asked;

    private IRenderedComponent<PagedTable<string>> RenderTable(TableUrlState state, IReadOnlyList<string>? items, int? total = null, string? next = null) =>
        Render<PagedTable<string>>(p => p
            .Add(t => t.Id, "things")
            .Add(t => t.State, state)
            .Add(t => t.StateChanged, s => _asked = s)
            .Add(t => t.Items, items)
            .Add(t => t.Total, total)
            .Add(t => t.NextPageToken, next)
            .Add(t => t.Noun, "thing")
            .Add(t => t.Header, b =>
            {
                b.OpenComponent<SortHeader>(0);
                b.AddAttribute(1, nameof(SortHeader.Column), "name");
                b.AddAttribute(2, nameof(SortHeader.Label), "Name");
                b.CloseComponent();
            })
            .Add(t => t.Row, item => $"<tr data-thing=\"{item}\"><td>{item}</td></tr>")
            .Add(t => t.Empty, "<p id=\"nothing\">Nothing yet.</p>"));

    private static TableUrlState State(string? sort = null, int? page = null, int? size = null, string? after = null) =>
        TableUrlState.Parse(null, sort, page, size, Columns, "name", after);

    private static List<string> Things(int from, int count) => [.. Enumerable.Range(from, count).Select(i => $"thing-{i}")];

    [Fact]
    public void A_window_says_where_it_is_in_the_total_and_a_page_number_asks_for_that_page()
    {
        var table = RenderTable(State(page: 2, size: 10), Things(10, 10), total: 53);

        Assert.Equal(10, table.FindAll("#things tbody tr").Count);
        Assert.Equal("11–20 of 53 things", table.Find("#things-range").TextContent);
        table.FindAll("#things-pages button").Single(b => b.TextContent.Trim() == "6").Click();

        Assert.Equal(State(page: 6, size: 10), _asked);
    }

    [Theory]
    [InlineData(null, "ascending", "-name")]
    [InlineData("-name", "descending", "name")]
    [InlineData("created", "none", "name")]
    public void A_sorting_header_shows_the_order_and_a_click_asks_for_the_next_one_from_the_first_page(string? sort, string shown, string asked)
    {
        var table = RenderTable(State(sort, page: 3), Things(0, 3), total: 80);

        Assert.Equal(shown, table.Find("th[data-sort-column='name']").GetAttribute("aria-sort"));
        table.Find("th[data-sort-column='name'] button").Click();

        Assert.Equal((asked, 1), (_asked?.Sort, _asked?.Page));
    }

    [Fact]
    public void A_list_paged_by_token_goes_older_with_the_next_token_and_back_to_the_newest()
    {
        var first = RenderTable(State(), Things(0, 25), next: "older-token");
        Assert.True(first.Find("#things-newest").HasAttribute("disabled"));
        Assert.Empty(first.FindAll("#things-range"));
        first.Find("#things-older").Click();
        Assert.Equal("older-token", _asked?.After);

        var last = RenderTable(State(after: "older-token"), Things(25, 3), next: null);
        Assert.True(last.Find("#things-older").HasAttribute("disabled"));
        last.Find("#things-newest").Click();
        Assert.Null(_asked?.After);
    }

    [Fact]
    public void No_row_at_all_shows_the_empty_message_and_no_table()
    {
        var table = RenderTable(State(), [], total: 0);

        Assert.Single(table.FindAll("#nothing"));
        Assert.Empty(table.FindAll("#things"));
    }

    [Fact]
    public void A_page_past_the_end_keeps_its_pager_so_the_rows_can_be_reached()
    {
        var table = RenderTable(State(page: 4, size: 10), [], total: 12);

        Assert.Empty(table.FindAll("#nothing"));
        table.FindAll("#things-pages button").Single(b => b.TextContent.Trim() == "2").Click();

        Assert.Equal(2, _asked?.Page);
    }

    [Fact]
    public async Task A_page_is_shown_the_rows_its_url_names_and_a_click_changes_the_url()
    {
        var users = Services.GetRequiredService<UserService>();
        foreach (var i in Enumerable.Range(1, 13))
            Assert.True((await users.CreateAsync(new CreateUserRequest($"paged{i:00}@test.test", $"Paged {i:00}", Roles.Member, null), Xunit.TestContext.Current.CancellationToken)).Succeeded);
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("users?sort=-email&size=10&page=2");
        Render<MudPopoverProvider>();

        var page = Render<UsersPage>();

        page.WaitForAssertion(() => Assert.Equal(["paged03@test.test", "paged02@test.test", "paged01@test.test"], page.FindAll("tr[data-user]").Select(r => r.GetAttribute("data-user"))));
        Assert.Equal("11–13 of 13 users", page.Find("#user-table-range").TextContent);

        // On the renderer's dispatcher: a click from the test thread can meet a render in progress and be lost.
        await page.InvokeAsync(() => page.Find("th[data-sort-column='email'] button").Click());

        page.WaitForAssertion(() => Assert.Contains("sort=email", navigation.Uri));
        Assert.DoesNotContain("page=", navigation.Uri);
        page.WaitForAssertion(() => Assert.Equal("paged01@test.test", page.FindAll("tr[data-user]")[0].GetAttribute("data-user")));
    }
}

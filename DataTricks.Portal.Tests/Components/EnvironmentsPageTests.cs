using Bunit;
using DataTricks.Domain.ComputeEnvironments;
using DataTricks.Domain.Provisioning;
using DataTricks.Portal.Components.Pages.Environments;
using DataTricks.Portal.Tests.Support;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace DataTricks.Portal.Tests.Components;

/// <summary>The environments page: its list comes from the URL (search, status, sort, page, view) and follows changes live.</summary>
public sealed class EnvironmentsPageTests : ComponentTest
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("")]
    [InlineData("?view=cards")]
    public async Task A_transition_redraws_its_item_but_not_the_page_or_its_other_items(string query)
    {
        var watched = await CreateAsync("watched-env");
        var settled = await CreateAsync("settled-env");
        await MarkReadyAsync(settled.Id);
        var page = RenderPage(query);
        var notifier = Services.GetRequiredService<EnvironmentChangeNotifier>();
        page.WaitForAssertion(() => Assert.Equal(3, notifier.SubscriberCount(CustomerId)));
        var items = page.FindComponents<LiveEnvironmentItem>();
        var watchedItem = items.Single(c => c.Instance.Environment.Id == watched.Id);
        var settledItem = items.Single(c => c.Instance.Environment.Id == settled.Id);
        settledItem.WaitForAssertion(() => Assert.Equal("Ready", settledItem.Find("[data-environment]").GetAttribute("data-status")));
        // Each item rereads its environment once subscribed (and redraws): count from when that has happened.
        var settledRenders = await QuietAsync(settledItem);

        notifier.Publish(Snapshots.Of(watched, CustomerId) with { Name = "watched-env", Status = ComputeEnvironmentStatus.Provisioning, StatusMessage = "Creating network", OperationId = watched.OperationId, CurrentStep = ProvisioningStep.CreateNetwork, Attempt = 1, UpdatedAt = DateTimeOffset.UtcNow, Version = watched.Version + 1 });

        watchedItem.WaitForAssertion(() => Assert.Equal("Provisioning", watchedItem.Find("[data-environment]").GetAttribute("data-status")));
        Assert.Equal(settledRenders, settledItem.RenderCount);
    }

    [Fact]
    public async Task A_reload_that_read_the_list_before_a_later_one_does_not_take_the_page_back_when_it_finishes_last()
    {
        await CreateAsync("first-env");
        var page = RenderPage("");
        var notifier = Services.GetRequiredService<EnvironmentChangeNotifier>();
        page.WaitForAssertion(() => Assert.Equal(2, notifier.SubscriberCount(CustomerId)));
        // Each arrival reloads the page; the first reload's read of the list is held once the database has answered it.
        var held = Reads.HoldNextAsync(sql => sql.Contains("FROM \"ComputeEnvironments\"") && sql.Contains("ORDER BY"));
        await CreateAsync("second-env");
        await held.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        await CreateAsync("third-env");
        page.WaitForAssertion(() => Assert.Equal(["first-env", "second-env", "third-env"], Names(page)));

        var renders = page.RenderCount;
        Reads.Release();

        page.WaitForAssertion(() => Assert.True(page.RenderCount > renders));
        Assert.Equal(["first-env", "second-env", "third-env"], Names(page));
    }

    [Fact]
    public async Task The_table_is_a_table_by_default_and_cards_when_the_url_says_so()
    {
        await CreateAsync("shown-env");

        var table = RenderPage("");
        table.WaitForAssertion(() => Assert.Single(table.FindAll("#environment-table tr[data-environment='shown-env']")));
        Assert.Empty(table.FindAll(".environment-card"));

        var cards = RenderPage("?view=cards");
        cards.WaitForAssertion(() => Assert.Single(cards.FindAll(".environment-card[data-environment='shown-env']")));
        Assert.Empty(cards.FindAll("#environment-table"));
    }

    [Fact]
    public async Task Names_sort_naturally_and_page_on_the_server_as_the_url_says()
    {
        foreach (var name in new[] { "bulk-10", "bulk-2", "bulk-1", "bulk-21", "bulk-3" })
            await CreateAsync(name);

        var first = RenderPage("?size=10");
        first.WaitForAssertion(() => Assert.Equal(["bulk-1", "bulk-2", "bulk-3", "bulk-10", "bulk-21"], Names(first)));

        var descending = RenderPage("?sort=-name&size=10&page=1");
        descending.WaitForAssertion(() => Assert.Equal(["bulk-21", "bulk-10", "bulk-3", "bulk-2", "bulk-1"], Names(descending)));
        Assert.Equal("descending", descending.Find("th[data-sort-column='name']").GetAttribute("aria-sort"));

        // Ten a page and five environments: page 1 of 1; with a page size the portal does not offer, the default (25).
        var paged = RenderPage("?sort=name&size=7&page=1");
        paged.WaitForAssertion(() => Assert.Equal(5, Names(paged).Count));
        Assert.Contains("1–5 of 5 environments", paged.Find("#environment-table-range").TextContent);
    }

    [Fact]
    public async Task Search_and_status_filter_in_the_database_and_an_empty_result_says_so()
    {
        await CreateAsync("search-alpha");
        var ready = await CreateAsync("search-beta");
        await CreateAsync("other-gamma");
        await MarkReadyAsync(ready.Id);

        var searched = RenderPage("?q=SEARCH");
        searched.WaitForAssertion(() => Assert.Equal(["search-alpha", "search-beta"], Names(searched)));

        var readyOnly = RenderPage("?q=search&status=Ready");
        readyOnly.WaitForAssertion(() => Assert.Equal(["search-beta"], Names(readyOnly)));

        var none = RenderPage("?q=nothing-like-this");
        none.WaitForAssertion(() => Assert.Single(none.FindAll("#no-environment-matches")));
        Assert.Empty(none.FindAll("#no-environments"));
    }

    [Fact]
    public async Task Sorting_by_a_column_header_puts_the_order_in_the_url_and_a_second_click_reverses_it()
    {
        await CreateAsync("header-env");
        var page = RenderPage("?q=header");
        var navigation = Services.GetRequiredService<NavigationManager>();
        page.WaitForAssertion(() => Assert.Single(Names(page)));

        // The page reloads once its live subscription is up; a click on the markup it replaces is retried on the new one.
        page.WaitForAssertion(() =>
        {
            page.Find("th[data-sort-column='region'] button").Click();
            Assert.Contains("sort=region", navigation.Uri);
        });
        Assert.Contains("q=header", navigation.Uri);

        page.WaitForAssertion(() => Assert.Equal("ascending", page.Find("th[data-sort-column='region']").GetAttribute("aria-sort")));
        page.Find("th[data-sort-column='region'] button").Click();
        page.WaitForAssertion(() => Assert.Contains("sort=-region", navigation.Uri));
    }

    /// <summary>The render count once the component has stopped redrawing (none for a quarter of a second).</summary>
    private static async Task<int> QuietAsync(IRenderedComponent<LiveEnvironmentItem> item)
    {
        var seen = -1;
        for (var checks = 0; checks < 40 && item.RenderCount != seen; checks++)
        {
            seen = item.RenderCount;
            await Task.Delay(250, Ct);
        }
        return seen;
    }

    private bool _providers;

    private IRenderedComponent<EnvironmentsPage> RenderPage(string query)
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("environments" + query);
        if (!_providers)
        {
            Render<MudPopoverProvider>();
            Render<MudSnackbarProvider>();
            _providers = true;
        }
        return Render<EnvironmentsPage>();
    }

    private static List<string?> Names(IRenderedComponent<EnvironmentsPage> page) =>
        page.FindAll("[data-environment]").Select(e => e.GetAttribute("data-environment")).ToList();

    private async Task<EnvironmentView> CreateAsync(string name) =>
        (await Services.GetRequiredService<ComputeEnvironmentService>()
            .CreateAsync(new CreateEnvironmentRequest(name, "Aws", "eu-west-1", null, 1, 2), null, Ct)).Value!.Environment;

    private async Task MarkReadyAsync(Guid id)
    {
        var db = Services.GetRequiredService<DataTricks.Domain.Infrastructure.Persistence.DataTricksDbContext>();
        var environment = await db.ComputeEnvironments.SingleAsync(e => e.Id == id, Ct);
        environment.MarkProvisioning("Creating network", DateTimeOffset.UtcNow);
        environment.MarkReady(DateTimeOffset.UtcNow);
        await db.SaveChangesAsync(Ct);
    }
}

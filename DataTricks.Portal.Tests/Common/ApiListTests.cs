using System.Net;
using System.Net.Http.Json;
using DataTricks.Portal.Tests.Support;

namespace DataTricks.Portal.Tests.Common;

/// <summary>The API's lists take what the portal's tables take: search, sort, status and dates, and link their next page.</summary>
public sealed class ApiListTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<IReadOnlyList<string>> NamesAsync(HttpResponseMessage response, string field = "name") =>
        [.. (await response.JsonAsync()).GetProperty("items").EnumerateArray().Select(i => i.GetProperty(field).GetString()!)];

    private static async Task<Guid> CreateEnvironmentAsync(HttpClient admin, string name)
    {
        var response = await admin.PostAsJsonAsync("/api/v1/compute-environments", new { name, cloud = "Aws", region = "eu-west-1" }, Ct);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.JsonAsync()).GetProperty("id").GetGuid();
    }

    [Fact]
    public async Task A_list_is_searched_and_sorted_and_each_page_links_the_next_until_the_last()
    {
        var admin = await (await TestCustomer.SignUpAsync(factory)).AdminAsync();
        var environment = await CreateEnvironmentAsync(admin, "lists");
        foreach (var name in new[] { "beta", "alpha", "gamma", "other" })
            await admin.PostAsJsonAsync("/api/v1/repos", new { name = $"{name}-repo", computeEnvironmentId = environment }, Ct);

        var first = await admin.GetAsync("/api/v1/repos?q=a-repo&sort=-name&pageSize=2", Ct);
        var link = Assert.Single(first.Headers.GetValues("Link"));
        var next = link[(link.IndexOf('<') + 1)..link.IndexOf('>')];
        var second = await admin.GetAsync(next, Ct);

        Assert.Equal(["gamma-repo", "beta-repo"], await NamesAsync(first));
        Assert.EndsWith("; rel=\"next\"", link);
        Assert.StartsWith("/api/v1/repos?", next);
        Assert.Contains("q=a-repo", next);
        Assert.Equal(["alpha-repo"], await NamesAsync(second));
        Assert.False(second.Headers.Contains("Link"));
    }

    [Fact]
    public async Task A_sort_the_list_does_not_offer_and_an_unknown_parameter_are_refused_by_name()
    {
        var admin = await factory.SignedInAsync(ApiClients.AcmeAdmin);

        var sort = await admin.GetAsync("/api/v1/users?sort=password", Ct);
        var typo = await admin.GetAsync("/api/v1/users?serach=ana", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, sort.StatusCode);
        Assert.Contains("sort is one of name, -name, email, -email, created, -created.", (await sort.JsonAsync()).GetProperty("errors").GetProperty("sort")[0].GetString());
        Assert.Equal(HttpStatusCode.BadRequest, typo.StatusCode);
        Assert.Contains("pageSize, pageToken, q, sort", (await typo.JsonAsync()).GetProperty("errors").GetProperty("serach")[0].GetString());
    }

    [Fact]
    public async Task Environments_are_narrowed_by_when_they_were_created()
    {
        var admin = await (await TestCustomer.SignUpAsync(factory)).AdminAsync();
        await CreateEnvironmentAsync(admin, "earlier");
        var between = factory.Time.GetUtcNow().AddMinutes(1);
        factory.Time.Advance(TimeSpan.FromMinutes(2));
        await CreateEnvironmentAsync(admin, "later");
        // Given in another offset, as a client in Berlin would send it.
        var stamp = Uri.EscapeDataString(between.ToOffset(TimeSpan.FromHours(2)).ToString("O"));

        var after = await admin.GetAsync($"/api/v1/compute-environments?createdAfter={stamp}", Ct);
        var before = await admin.GetAsync($"/api/v1/compute-environments?createdBefore={stamp}&sort=name", Ct);
        var backwards = await admin.GetAsync($"/api/v1/compute-environments?createdAfter={stamp}&createdBefore={stamp}", Ct);

        Assert.Equal(["later"], await NamesAsync(after));
        Assert.Equal(["earlier"], await NamesAsync(before));
        Assert.Equal(HttpStatusCode.BadRequest, backwards.StatusCode);
    }

    [Fact]
    public async Task The_customers_operations_are_listed_across_environments_newest_first_and_filtered()
    {
        var admin = await (await TestCustomer.SignUpAsync(factory)).AdminAsync();
        var first = await CreateEnvironmentAsync(admin, "first");
        factory.Time.Advance(TimeSpan.FromSeconds(1));
        var second = await CreateEnvironmentAsync(admin, "second");
        factory.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.Accepted, (await admin.DeleteAsync($"/api/v1/compute-environments/{first}", Ct)).StatusCode);

        var all = await (await admin.GetAsync("/api/v1/operations", Ct)).JsonAsync();
        var deletes = await (await admin.GetAsync("/api/v1/operations?kind=Delete", Ct)).JsonAsync();
        var ofSecond = await (await admin.GetAsync($"/api/v1/operations?environmentId={second}", Ct)).JsonAsync();
        var badKind = await admin.GetAsync("/api/v1/operations?kind=2", Ct);

        Assert.Equal(["Delete", "Create", "Create"], all.GetProperty("items").EnumerateArray().Select(o => o.GetProperty("kind").GetString()));
        Assert.Equal([first, second, first], all.GetProperty("items").EnumerateArray().Select(o => o.GetProperty("environmentId").GetGuid()));
        Assert.Equal(1, deletes.GetProperty("totalCount").GetInt32());
        Assert.Equal([second], ofSecond.GetProperty("items").EnumerateArray().Select(o => o.GetProperty("environmentId").GetGuid()));
        Assert.Equal(HttpStatusCode.BadRequest, badKind.StatusCode);
    }
}

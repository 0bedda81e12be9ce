using System.Net;
using System.Net.Http.Json;
using DataTricks.Portal.Tests.Support;

namespace DataTricks.Portal.Tests.UsersAndRepos;

/// <summary>Lists sort names as people read them, in the database: "Bulk User 2" before "Bulk User 10", on every page.</summary>
public sealed class NaturalOrderTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Users_and_repos_list_in_natural_order_across_pages()
    {
        var customer = await TestCustomer.SignUpAsync(factory);
        var admin = await customer.AdminAsync();
        foreach (var n in new[] { 10, 2, 1, 21, 3 })
        {
            var created = await admin.PostAsJsonAsync("/api/v1/users",
                new { email = $"bulk{n}-{Guid.NewGuid():N}@customer.test", displayName = $"Bulk User {n}", role = "Member", password = TestCustomer.Password }, Ct);
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }
        var environment = (await admin.CreatedEnvironmentAsync("natural-env")).GetProperty("id").GetGuid();
        foreach (var n in new[] { 10, 9, 100 })
            Assert.Equal(HttpStatusCode.Created,
                (await admin.PostAsJsonAsync("/api/v1/repos", new { name = $"Report {n}", computeEnvironmentId = environment }, Ct)).StatusCode);

        Assert.Equal(["Bulk User 1", "Bulk User 2", "Bulk User 3", "Bulk User 10", "Bulk User 21"],
            await NamesAsync(admin, "/api/v1/users?q=bulk&pageSize=2", "displayName"));
        Assert.Equal(["Report 9", "Report 10", "Report 100"], await NamesAsync(admin, "/api/v1/repos?pageSize=2", "name"));
    }

    private static async Task<List<string>> NamesAsync(HttpClient client, string first, string field)
    {
        var names = new List<string>();
        string? token = null;
        do
        {
            var page = await (await client.GetAsync(first + (token is null ? "" : $"&pageToken={token}"), Ct)).JsonAsync();
            names.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty(field).GetString()!));
            token = page.TryGetProperty("nextPageToken", out var next) ? next.GetString() : null;
        } while (token is not null);
        return names;
    }
}

using System.Net;
using System.Net.Http.Json;
using DataTricks.Portal.Tests.Support;

namespace DataTricks.Portal.Tests.Common;

/// <summary>
/// Repos, users and the customer take If-Match like environments: a write applies only to the state its caller read,
/// so two people editing at once cannot silently overwrite each other.
/// </summary>
public sealed class IfMatchWriteTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static HttpRequestMessage Conditional(HttpMethod method, string path, string etag, object? body = null) =>
        ApiClients.WithHeader(method, path, "If-Match", etag, body);

    private static async Task<string> ETagAsync(HttpClient client, string path) =>
        (await client.GetAsync(path, Ct)).Headers.ETag!.ToString();

    private static async Task<(TestCustomer Customer, HttpClient Admin, string Repo)> RepoAsync(PortalFactory factory)
    {
        var customer = await TestCustomer.SignUpAsync(factory);
        var admin = await customer.AdminAsync();
        var environment = (await (await admin.PostAsJsonAsync("/api/v1/compute-environments", new { name = "ifmatch", cloud = "Aws", region = "eu-west-1" }, Ct)).JsonAsync()).GetProperty("id").GetGuid();
        // A repo's representation shows its environment's status: one still provisioning would change the repo's ETag
        // under the test (a loaded PostgreSQL run once read it Pending and wrote after it moved on).
        await admin.WaitForStatusAsync(environment, "Ready");
        var repo = (await (await admin.PostAsJsonAsync("/api/v1/repos", new { name = "Shared", computeEnvironmentId = environment }, Ct)).JsonAsync()).GetProperty("id").GetGuid();
        return (customer, admin, $"/api/v1/repos/{repo}");
    }

    [Fact]
    public async Task A_repo_write_with_the_etag_read_applies_and_one_with_an_older_etag_is_refused_and_changes_nothing()
    {
        var (_, admin, repo) = await RepoAsync(factory);
        var read = await ETagAsync(admin, repo);

        var first = await admin.SendAsync(Conditional(HttpMethod.Patch, repo, read, new { description = "mine" }), Ct);
        var second = await admin.SendAsync(Conditional(HttpMethod.Patch, repo, read, new { description = "theirs" }), Ct);
        var staleDelete = await admin.SendAsync(Conditional(HttpMethod.Delete, repo, read), Ct);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, second.StatusCode);
        Assert.Equal("precondition-failed", (await second.JsonAsync()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.PreconditionFailed, staleDelete.StatusCode);
        var now = await (await admin.GetAsync(repo, Ct)).JsonAsync();
        Assert.Equal("mine", now.GetProperty("description").GetString());
        Assert.Equal(HttpStatusCode.NoContent, (await admin.SendAsync(Conditional(HttpMethod.Delete, repo, await ETagAsync(admin, repo)), Ct)).StatusCode);
    }

    [Fact]
    public async Task Edits_racing_with_one_etag_let_exactly_one_through()
    {
        var (_, admin, repo) = await RepoAsync(factory);
        var read = await ETagAsync(admin, repo);

        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
            admin.SendAsync(Conditional(HttpMethod.Patch, repo, read, new { description = $"editor {i}" }), Ct)));

        // One edit applies; each other one is refused, as stale (412) or, if it kept colliding, as a concurrent change
        // (409): never a second 200, which would be a lost update.
        var applied = Assert.Single(answers, a => a.StatusCode == HttpStatusCode.OK);
        Assert.All(answers.Where(a => a != applied), a => Assert.Contains(a.StatusCode, new[] { HttpStatusCode.PreconditionFailed, HttpStatusCode.Conflict }));
        var winner = (await applied.JsonAsync()).GetProperty("description").GetString();
        Assert.Equal(winner, (await (await admin.GetAsync(repo, Ct)).JsonAsync()).GetProperty("description").GetString());
    }

    [Fact]
    public async Task A_user_and_the_customer_refuse_a_write_on_a_state_that_moved_on()
    {
        var customer = await TestCustomer.SignUpAsync(factory);
        var admin = await customer.AdminAsync();
        var (userId, _) = await customer.AddUserAsync("Member");
        var user = $"/api/v1/users/{userId}";
        var userTag = await ETagAsync(admin, user);
        var customerTag = await ETagAsync(admin, "/api/v1/customer");

        Assert.Equal(HttpStatusCode.OK, (await admin.SendAsync(Conditional(HttpMethod.Patch, user, userTag, new { displayName = "First" }), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await admin.SendAsync(Conditional(HttpMethod.Patch, user, userTag, new { displayName = "Second" }), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await admin.SendAsync(Conditional(HttpMethod.Delete, user, userTag), Ct)).StatusCode);
        var renamed = await admin.SendAsync(Conditional(HttpMethod.Patch, "/api/v1/customer", customerTag, new { name = $"Renamed {Guid.NewGuid():N}" }), Ct);
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed,
            (await admin.SendAsync(Conditional(HttpMethod.Patch, "/api/v1/customer", customerTag, new { name = $"Again {Guid.NewGuid():N}" }), Ct)).StatusCode);
        Assert.Equal("First", (await (await admin.GetAsync(user, Ct)).JsonAsync()).GetProperty("displayName").GetString());
        Assert.Equal(HttpStatusCode.OK, (await admin.SendAsync(Conditional(HttpMethod.Patch, user, "*", new { displayName = "Any" }), Ct)).StatusCode);
    }
}

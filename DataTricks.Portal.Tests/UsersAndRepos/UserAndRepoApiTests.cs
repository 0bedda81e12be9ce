using System.Net;
using System.Net.Http.Json;
using DataTricks.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace DataTricks.Portal.Tests.UsersAndRepos;

public sealed class UserAndRepoApiTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Users_page_and_search_by_name_or_email()
    {
        var admin = await factory.SignedInAsync(ApiClients.AcmeAdmin);

        var all = await (await admin.GetAsync("/api/v1/users?pageSize=2", Ct)).JsonAsync();
        var next = await (await admin.GetAsync($"/api/v1/users?pageSize=2&pageToken={all.GetProperty("nextPageToken").GetString()}", Ct)).JsonAsync();
        var found = await (await admin.GetAsync("/api/v1/users?q=ANALYST", Ct)).JsonAsync();

        Assert.True(all.GetProperty("totalCount").GetInt32() >= 3);
        Assert.Equal(2, all.GetProperty("items").GetArrayLength());
        Assert.NotEqual(all.GetProperty("items")[0].GetProperty("id").GetGuid(), next.GetProperty("items")[0].GetProperty("id").GetGuid());
        Assert.Equal(["ana@acme.test"], found.GetProperty("items").EnumerateArray().Select(u => u.GetProperty("email").GetString()));
    }

    [Fact]
    public async Task An_admin_adds_changes_and_deletes_a_colleague()
    {
        var admin = await factory.SignedInAsync(ApiClients.AcmeAdmin);

        var created = await admin.PostAsJsonAsync("/api/v1/users", new { email = "carl@acme.test", displayName = "Carl", role = "Member" }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.JsonAsync();
        var id = body.GetProperty("id").GetGuid();
        var password = body.GetProperty("generatedPassword").GetString()!;
        var carl = await factory.SignedInAsync("carl@acme.test", password);
        Assert.Equal(HttpStatusCode.OK, (await carl.GetAsync("/api/v1/customer", Ct)).StatusCode);

        var promoted = await admin.PatchAsJsonAsync($"/api/v1/users/{id}", new { role = "Admin", displayName = "Carl C." }, Ct);
        Assert.Equal("Admin", (await promoted.JsonAsync()).GetProperty("role").GetString());
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/users/{id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/v1/users/{id}", Ct)).StatusCode);
    }

    [Theory]
    [InlineData("""{"email":"bad","role":"Member"}""", HttpStatusCode.BadRequest)]
    [InlineData("""{"email":"x@acme.test","role":"Support"}""", HttpStatusCode.BadRequest)]
    [InlineData("""{"email":"x2@acme.test","role":"Member","password":"weak"}""", HttpStatusCode.BadRequest)]
    [InlineData("""{"email":"ana@acme.test","role":"Member"}""", HttpStatusCode.Conflict)]
    public async Task Bad_or_clashing_new_users_are_refused(string json, HttpStatusCode expected)
    {
        var admin = await factory.SignedInAsync(ApiClients.AcmeAdmin);

        var response = await admin.PostAsync("/api/v1/users", new StringContent(json, System.Text.Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_last_admin_cannot_demote_themself()
    {
        var admin = await factory.SignedInAsync(ApiClients.GlobexAdmin);
        var id = await UserIdAsync(ApiClients.GlobexAdmin);

        var response = await admin.PatchAsJsonAsync($"/api/v1/users/{id}", new { role = "Member" }, Ct);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }

    [Fact]
    public async Task An_admin_creates_a_repo_on_an_environment_and_manages_its_members()
    {
        var admin = await factory.SignedInAsync(ApiClients.AcmeAdmin);
        var environment = await EnvironmentIdAsync("ml-training");
        var ben = await UserIdAsync("ben@acme.test");

        var created = await admin.PostAsJsonAsync("/api/v1/repos", new { name = "Forecasts", description = "Demand forecasts", computeEnvironmentId = environment }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var repo = (await created.JsonAsync()).GetProperty("id").GetGuid();

        Assert.Equal(HttpStatusCode.NoContent, (await admin.PutAsync($"/api/v1/repos/{repo}/members/{ben}", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PutAsync($"/api/v1/repos/{repo}/members/{ben}", null, Ct)).StatusCode);
        var members = await (await admin.GetAsync($"/api/v1/repos/{repo}/members", Ct)).JsonAsync();
        Assert.Equal(["ben@acme.test"], members.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("email").GetString()));
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/repos/{repo}/members/{ben}", Ct)).StatusCode);
        var renamed = await admin.PatchAsJsonAsync($"/api/v1/repos/{repo}", new { name = "Forecasting", computeEnvironmentId = await EnvironmentIdAsync("prod-analytics") }, Ct);
        Assert.Equal("prod-analytics", (await renamed.JsonAsync()).GetProperty("computeEnvironmentName").GetString());
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/repos/{repo}", Ct)).StatusCode);
    }

    [Fact]
    public async Task Repo_errors_are_400_404_and_409()
    {
        var admin = await factory.SignedInAsync(ApiClients.AcmeAdmin);
        var environment = await EnvironmentIdAsync("ml-training");

        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsJsonAsync("/api/v1/repos", new { name = "", computeEnvironmentId = environment }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsJsonAsync("/api/v1/repos", new { name = "No env" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsJsonAsync("/api/v1/repos", new { name = "Ghost env", computeEnvironmentId = Guid.NewGuid() }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsJsonAsync("/api/v1/repos", new { name = "Their env", computeEnvironmentId = await EnvironmentIdAsync("globex-main") }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsJsonAsync("/api/v1/repos", new { name = "sales dashboards", computeEnvironmentId = environment }, Ct)).StatusCode);
        var repo = await RepoIdAsync("Churn Model");
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PutAsync($"/api/v1/repos/{repo}/members/{await UserIdAsync("gina@globex.test")}", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PatchAsJsonAsync($"/api/v1/repos/{repo}", new { computeEnvironmentId = await EnvironmentIdAsync("globex-main") }, Ct)).StatusCode);
        Assert.Equal(0, await factory.WithDatabaseAsync(db => db.RepoMembers.CountAsync(m => m.RepoId == repo && m.CustomerId != db.Repos.Single(r => r.Id == repo).CustomerId, Ct)));
    }

    [Fact]
    public async Task Members_read_users_and_repos_but_cannot_change_them()
    {
        var member = await factory.SignedInAsync(ApiClients.AcmeMember);
        var repo = await RepoIdAsync("Churn Model");

        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync("/api/v1/users", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync($"/api/v1/repos/{repo}/members", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.PostAsJsonAsync("/api/v1/users", new { email = "sneaky@acme.test", role = "Admin" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.DeleteAsync($"/api/v1/repos/{repo}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.PutAsync($"/api/v1/repos/{repo}/members/{await UserIdAsync(ApiClients.AcmeMember)}", null, Ct)).StatusCode);
    }

    private Task<Guid> UserIdAsync(string email) =>
        factory.WithDatabaseAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync(Ct));

    private Task<Guid> EnvironmentIdAsync(string name) =>
        factory.WithDatabaseAsync(db => db.ComputeEnvironments.Where(e => e.Name == name).Select(e => e.Id).SingleAsync(Ct));

    private Task<Guid> RepoIdAsync(string name) =>
        factory.WithDatabaseAsync(db => db.Repos.Where(r => r.Name == name).Select(r => r.Id).SingleAsync(Ct));
}

using System.Net;
using System.Net.Http.Json;
using DataTricks.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace DataTricks.Portal.Tests.UsersAndRepos;

public sealed class GroupApiTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_admin_creates_a_group_fills_it_shares_a_repo_with_it_and_its_members_use_the_repo()
    {
        var admin = await factory.SignedInAsync(ApiClients.AcmeAdmin);
        var repo = await RepoIdAsync("Sales Dashboards");
        var ben = await UserIdAsync("ben@acme.test");

        var created = await admin.PostAsJsonAsync("/api/v1/groups", new { name = "Revenue Ops", description = "Owns the revenue numbers" }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var group = (await created.JsonAsync()).GetProperty("id").GetGuid();
        Assert.Equal($"/api/v1/groups/{group}", created.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PutAsync($"/api/v1/groups/{group}/members/{ben}", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PutAsync($"/api/v1/repos/{repo}/groups/{group}", null, Ct)).StatusCode);

        var members = await (await admin.GetAsync($"/api/v1/repos/{repo}/members?q=ben", Ct)).JsonAsync();
        var benAccess = members.GetProperty("items").EnumerateArray().Single();
        Assert.Equal(("ben@acme.test", false, "Revenue Ops"),
            (benAccess.GetProperty("email").GetString(), benAccess.GetProperty("direct").GetBoolean(), benAccess.GetProperty("groups")[0].GetProperty("name").GetString()));
        var shared = await (await admin.GetAsync($"/api/v1/groups/{group}/repos", Ct)).JsonAsync();
        Assert.Equal(["Sales Dashboards"], shared.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("name").GetString()));
        var groupMembers = await (await admin.GetAsync($"/api/v1/groups/{group}/members", Ct)).JsonAsync();
        Assert.Equal(1, groupMembers.GetProperty("totalCount").GetInt32());

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/groups/{group}/members/{ben}", Ct)).StatusCode);
        var after = await (await admin.GetAsync($"/api/v1/repos/{repo}/members?q=ben", Ct)).JsonAsync();
        Assert.Equal(0, after.GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task A_group_carries_an_etag_that_moves_with_its_members_and_a_stale_if_match_is_412()
    {
        var admin = await factory.SignedInAsync(ApiClients.AcmeAdmin);
        var created = await admin.PostAsJsonAsync("/api/v1/groups", new { name = "Versioned" }, Ct);
        var group = (await created.JsonAsync()).GetProperty("id").GetGuid();
        var first = await admin.GetAsync($"/api/v1/groups/{group}", Ct);
        var etag = first.Headers.ETag!.Tag;

        using var conditional = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/groups/{group}");
        conditional.Headers.TryAddWithoutValidation("If-None-Match", etag);
        Assert.Equal(HttpStatusCode.NotModified, (await admin.SendAsync(conditional, Ct)).StatusCode);
        await admin.PutAsync($"/api/v1/groups/{group}/members/{await UserIdAsync("ana@acme.test")}", null, Ct);
        using var stale = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/groups/{group}") { Content = JsonContent.Create(new { name = "Renamed" }) };
        stale.Headers.TryAddWithoutValidation("If-Match", etag);
        var refused = await admin.SendAsync(stale, Ct);
        var current = (await admin.GetAsync($"/api/v1/groups/{group}", Ct)).Headers.ETag!.Tag;
        using var fresh = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/groups/{group}") { Content = JsonContent.Create(new { name = "Renamed" }) };
        fresh.Headers.TryAddWithoutValidation("If-Match", current);
        var renamed = await admin.SendAsync(fresh, Ct);

        Assert.Equal(HttpStatusCode.PreconditionFailed, refused.StatusCode);
        Assert.NotEqual(etag, current);
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        Assert.NotEqual(current, renamed.Headers.ETag?.Tag);
        Assert.Equal("Renamed", (await renamed.JsonAsync()).GetProperty("name").GetString());
    }

    [Fact]
    public async Task Another_customers_group_user_or_repo_is_not_found_and_nothing_links_across()
    {
        var globex = await factory.SignedInAsync(ApiClients.GlobexAdmin);
        var theirs = (await (await globex.PostAsJsonAsync("/api/v1/groups", new { name = "Globex team" }, Ct)).JsonAsync()).GetProperty("id").GetGuid();
        var admin = await factory.SignedInAsync(ApiClients.AcmeAdmin);
        var ours = (await (await admin.PostAsJsonAsync("/api/v1/groups", new { name = "Acme team" }, Ct)).JsonAsync()).GetProperty("id").GetGuid();
        var repo = await RepoIdAsync("Sales Dashboards");

        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/v1/groups/{theirs}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/v1/groups/{theirs}/members", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PutAsync($"/api/v1/groups/{theirs}/members/{await UserIdAsync("ana@acme.test")}", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PutAsync($"/api/v1/groups/{ours}/members/{await UserIdAsync("gina@globex.test")}", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PutAsync($"/api/v1/repos/{repo}/groups/{theirs}", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await globex.PutAsync($"/api/v1/repos/{repo}/groups/{theirs}", null, Ct)).StatusCode);
        Assert.DoesNotContain("Globex team", await (await admin.GetAsync("/api/v1/groups?pageSize=100", Ct)).Content.ReadAsStringAsync(Ct));
        Assert.Equal(0, await factory.WithDatabaseAsync(db => db.RepoGroupGrants.IgnoreQueryFilters().CountAsync(g => g.GroupId == theirs || g.RepoId == repo && g.GroupId == ours, Ct)));
    }

    [Fact]
    public async Task Members_read_groups_but_cannot_change_them_and_bad_input_is_a_problem()
    {
        var member = await factory.SignedInAsync(ApiClients.AcmeMember);
        var admin = await factory.SignedInAsync(ApiClients.AcmeAdmin);

        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync("/api/v1/groups", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.PostAsJsonAsync("/api/v1/groups", new { name = "Sneaky" }, Ct)).StatusCode);
        var blank = await admin.PostAsJsonAsync("/api/v1/groups", new { name = " " }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, blank.StatusCode);
        Assert.Equal("application/problem+json", blank.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync("/api/v1/groups?pageSize=0", Ct)).StatusCode);
        await admin.PostAsJsonAsync("/api/v1/groups", new { name = "Twice" }, Ct);
        var clash = await admin.PostAsJsonAsync("/api/v1/groups", new { name = "TWICE" }, Ct);
        Assert.Equal(HttpStatusCode.Conflict, clash.StatusCode);
        Assert.Equal("name-taken", (await clash.JsonAsync()).GetProperty("code").GetString());
    }

    private Task<Guid> UserIdAsync(string email) =>
        factory.WithDatabaseAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync(Ct));

    private Task<Guid> RepoIdAsync(string name) =>
        factory.WithDatabaseAsync(db => db.Repos.Where(r => r.Name == name).Select(r => r.Id).SingleAsync(Ct));
}

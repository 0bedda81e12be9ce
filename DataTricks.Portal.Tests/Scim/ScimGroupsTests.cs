using System.Net.Http.Json;
using System.Net;
using System.Text.Json.Nodes;
using DataTricks.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace DataTricks.Portal.Tests.Scim;

/// <summary>/scim/v2/Groups with Okta's and Entra ID's membership requests.</summary>
public sealed class ScimGroupsTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string[] MemberIds(JsonObject group) =>
        [.. (group["members"] as JsonArray ?? []).Select(m => m!["value"]!.GetValue<string>()).Order()];

    [Fact]
    public async Task A_group_is_created_with_members_and_okta_adds_and_removes_them_by_patch()
    {
        var scim = await ScimClient.StartAsync(factory);
        var ana = ScimClient.Id(await scim.CreateUserAsync("ana@example.com"));
        var bo = ScimClient.Id(await scim.CreateUserAsync("bo@example.com"));
        var cy = ScimClient.Id(await scim.CreateUserAsync("cy@example.com"));

        var (created, group) = await scim.CallAsync(HttpMethod.Post, "/scim/v2/Groups",
            $$"""{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Data Engineering","externalId":"00g1","members":[{"value":"{{ana}}","display":"ana@example.com"}]}""");
        var id = ScimClient.Id(group);
        var (_, added) = await scim.CallAsync(HttpMethod.Patch, $"/scim/v2/Groups/{id}", $$"""
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"add","path":"members","value":[{"value":"{{bo}}"},{"value":"{{cy}}"}]}]}
            """);
        var (_, removed) = await scim.CallAsync(HttpMethod.Patch, $"/scim/v2/Groups/{id}", $$$"""
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"remove","path":"members[value eq \"{{{ana}}}\"]"},{"op":"replace","value":{"displayName":"Data Platform"}}]}
            """);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal([ana], MemberIds(group));
        Assert.Equal(new[] { ana, bo, cy }.Order(), MemberIds(added));
        Assert.Equal(new[] { bo, cy }.Order(), MemberIds(removed));
        Assert.Equal(("Data Platform", "00g1"), (removed["displayName"]!.GetValue<string>(), removed["externalId"]!.GetValue<string>()));
        var (_, user) = await scim.CallAsync(HttpMethod.Get, $"/scim/v2/Users/{bo}");
        Assert.Equal(["Data Platform"], user["groups"]!.AsArray().Select(g => g!["display"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Entra_adds_and_removes_members_by_value_lists_with_capitalised_ops()
    {
        var scim = await ScimClient.StartAsync(factory, "Entra ID");
        var ana = ScimClient.Id(await scim.CreateUserAsync("ana@example.com"));
        var bo = ScimClient.Id(await scim.CreateUserAsync("bo@example.com"));
        var (_, group) = await scim.CallAsync(HttpMethod.Post, "/scim/v2/Groups",
            """{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Finance","externalId":"8a1c","members":[]}""");
        var id = ScimClient.Id(group);

        var (_, added) = await scim.CallAsync(HttpMethod.Patch, $"/scim/v2/Groups/{id}", $$"""
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Add","path":"members","value":[{"value":"{{ana}}"},{"value":"{{bo}}"}]}]}
            """);
        var (_, removed) = await scim.CallAsync(HttpMethod.Patch, $"/scim/v2/Groups/{id}", $$"""
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Remove","path":"members","value":[{"value":"{{ana}}"}]},{"op":"Replace","path":"displayName","value":"Finance Team"}]}
            """);
        var (_, listed) = await scim.CallAsync(HttpMethod.Get, $"/scim/v2/Groups?filter={Uri.EscapeDataString("displayName eq \"finance team\"")}&excludedAttributes=members");

        Assert.Equal(new[] { ana, bo }.Order(), MemberIds(added));
        Assert.Equal([bo], MemberIds(removed));
        var found = Assert.Single(listed["Resources"]!.AsArray())!.AsObject();
        Assert.Equal("Finance Team", found["displayName"]!.GetValue<string>());
        Assert.False(found.ContainsKey("members"));
        var (_, byMember) = await scim.CallAsync(HttpMethod.Get, $"/scim/v2/Groups?filter={Uri.EscapeDataString($"members.value eq \"{bo}\"")}");
        Assert.Equal(1, byMember["totalResults"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_put_sets_exactly_the_members_listed_and_delete_removes_the_group_and_the_access_it_gave()
    {
        var scim = await ScimClient.StartAsync(factory);
        var ana = ScimClient.Id(await scim.CreateUserAsync("ana@example.com"));
        var bo = ScimClient.Id(await scim.CreateUserAsync("bo@example.com"));
        var (_, group) = await scim.CallAsync(HttpMethod.Post, "/scim/v2/Groups",
            $$"""{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Analysts","members":[{"value":"{{ana}}"}]}""");
        var id = ScimClient.Id(group);

        var (put, replaced) = await scim.CallAsync(HttpMethod.Put, $"/scim/v2/Groups/{id}",
            $$"""{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Analysts","members":[{"value":"{{bo}}"}]}""");
        var deleted = await scim.SendAsync(HttpMethod.Delete, $"/scim/v2/Groups/{id}");
        var (gone, _) = await scim.CallAsync(HttpMethod.Get, $"/scim/v2/Groups/{id}");

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal([bo], MemberIds(replaced));
        Assert.Equal((HttpStatusCode.NoContent, HttpStatusCode.NotFound), (deleted.StatusCode, gone.StatusCode));
        Assert.Equal(0, await factory.WithDatabaseAsync(db => db.GroupMembers.IgnoreQueryFilters().CountAsync(m => m.GroupId == Guid.Parse(id), Ct)));
    }

    [Fact]
    public async Task Names_are_unique_members_must_be_the_customers_and_a_stale_version_is_412()
    {
        var scim = await ScimClient.StartAsync(factory);
        var other = await ScimClient.StartAsync(factory);
        var stranger = ScimClient.Id(await other.CreateUserAsync("stranger@example.com"));
        var (_, group) = await scim.CallAsync(HttpMethod.Post, "/scim/v2/Groups", """{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Ops"}""");
        var id = ScimClient.Id(group);
        var version = group["meta"]!["version"]!.GetValue<string>();

        var (clash, clashError) = await scim.CallAsync(HttpMethod.Post, "/scim/v2/Groups", """{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"OPS"}""");
        var (foreign, foreignError) = await scim.CallAsync(HttpMethod.Patch, $"/scim/v2/Groups/{id}", $$"""
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"add","path":"members","value":[{"value":"{{stranger}}"}]}]}
            """);
        var (renamed, _) = await scim.CallAsync(HttpMethod.Patch, $"/scim/v2/Groups/{id}",
            """{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"displayName","value":"Ops Team"}]}""", version);
        var (stale, _) = await scim.CallAsync(HttpMethod.Patch, $"/scim/v2/Groups/{id}",
            """{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"displayName","value":"Ops Again"}]}""", version);

        Assert.Equal((HttpStatusCode.Conflict, "uniqueness"), (clash.StatusCode, clashError["scimType"]!.GetValue<string>()));
        Assert.Equal((HttpStatusCode.BadRequest, "invalidValue"), (foreign.StatusCode, foreignError["scimType"]!.GetValue<string>()));
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.PreconditionFailed), (renamed.StatusCode, stale.StatusCode));
    }

    [Fact]
    public async Task A_group_the_directory_keeps_gives_its_members_a_repo_shared_with_it_in_the_portal()
    {
        var scim = await ScimClient.StartAsync(factory);
        var ana = ScimClient.Id(await scim.CreateUserAsync("ana@example.com"));
        var (_, group) = await scim.CallAsync(HttpMethod.Post, "/scim/v2/Groups",
            $$"""{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Modellers","members":[{"value":"{{ana}}"}]}""");
        var environment = (await scim.Admin.CreatedEnvironmentAsync("scim-env")).GetProperty("id").GetGuid();
        var repo = (await (await scim.Admin.PostAsJsonAsync("/api/v1/repos", new { name = "Models", computeEnvironmentId = environment }, Ct)).JsonAsync()).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.NoContent, (await scim.Admin.PutAsync($"/api/v1/repos/{repo}/groups/{ScimClient.Id(group)}", null, Ct)).StatusCode);

        var before = await (await scim.Admin.GetAsync($"/api/v1/repos/{repo}/members", Ct)).JsonAsync();
        await scim.CallAsync(HttpMethod.Patch, $"/scim/v2/Groups/{ScimClient.Id(group)}", $$"""
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"remove","path":"members[value eq \"{{ana}}\"]"}]}
            """);
        var after = await (await scim.Admin.GetAsync($"/api/v1/repos/{repo}/members", Ct)).JsonAsync();

        Assert.Equal("Modellers", before.GetProperty("items")[0].GetProperty("groups")[0].GetProperty("name").GetString());
        Assert.Equal(0, after.GetProperty("totalCount").GetInt32());
    }
}

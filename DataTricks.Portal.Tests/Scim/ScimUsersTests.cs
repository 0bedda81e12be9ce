using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using DataTricks.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace DataTricks.Portal.Tests.Scim;

/// <summary>/scim/v2/Users driven with the request shapes of RFC 7644's examples and of Okta's and Entra ID's provisioning.</summary>
public sealed class ScimUsersTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_user_is_created_read_and_found_by_each_filter_a_directory_sends()
    {
        var scim = await ScimClient.StartAsync(factory);
        // RFC 7643 §8.2's full user, trimmed of what DataTricks drops (addresses, phones, photos…).
        var (created, user) = await scim.CallAsync(HttpMethod.Post, "/scim/v2/Users", """
            {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"externalId":"701984","userName":"bjensen@example.com",
             "name":{"formatted":"Ms. Barbara J Jensen, III","familyName":"Jensen","givenName":"Barbara"},"displayName":"Babs Jensen",
             "nickName":"Babs","emails":[{"value":"bjensen@example.com","type":"work","primary":true}],"title":"Tour Guide","active":true}
            """);
        await scim.CreateUserAsync("mpepper@example.com", """, "externalId":"702000", "active":false""");
        var id = ScimClient.Id(user);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("application/scim+json", created.Content.Headers.ContentType?.MediaType);
        Assert.EndsWith($"/scim/v2/Users/{id}", created.Headers.Location?.ToString());
        Assert.Equal(user["meta"]!["version"]!.GetValue<string>(), created.Headers.ETag?.ToString());
        Assert.Equal(("Babs Jensen", "Barbara", "Jensen", "701984"), (user["displayName"]!.GetValue<string>(),
            user["name"]!["givenName"]!.GetValue<string>(), user["name"]!["familyName"]!.GetValue<string>(), user["externalId"]!.GetValue<string>()));
        var (read, again) = await scim.CallAsync(HttpMethod.Get, $"/scim/v2/Users/{id}");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal("bjensen@example.com", again["userName"]!.GetValue<string>());

        async Task<string[]> Found(string filter)
        {
            var (response, list) = await scim.CallAsync(HttpMethod.Get, $"/scim/v2/Users?filter={Uri.EscapeDataString(filter)}");
            Assert.True(response.IsSuccessStatusCode, list.ToJsonString());
            return [.. list["Resources"]!.AsArray().Select(r => r!["userName"]!.GetValue<string>()).Where(n => n.EndsWith("@example.com", StringComparison.Ordinal)).Order()];
        }
        Assert.Equal(["bjensen@example.com"], await Found("userName eq \"BJensen@example.com\""));
        Assert.Equal(["bjensen@example.com"], await Found("emails.value eq \"bjensen@example.com\""));
        Assert.Equal(["bjensen@example.com"], await Found("emails[type eq \"work\" and value co \"jensen\"]"));
        Assert.Equal(["bjensen@example.com", "mpepper@example.com"], await Found("userName sw \"b\" or userName co \"pepper\""));
        Assert.Equal(["mpepper@example.com"], await Found("externalId eq \"702000\""));
        Assert.Equal(["mpepper@example.com"], await Found("active eq false and externalId pr"));
        Assert.Equal(["bjensen@example.com"], await Found("not (active eq false) and userName ew \"example.com\""));
        Assert.Empty(await Found("externalId eq \"70198\""));
    }

    [Fact]
    public async Task Lists_page_from_start_index_and_keep_only_the_attributes_asked_for()
    {
        var scim = await ScimClient.StartAsync(factory);
        foreach (var i in Enumerable.Range(1, 5))
            await scim.CreateUserAsync($"paged{i}@example.com");

        var (_, page) = await scim.CallAsync(HttpMethod.Get, "/scim/v2/Users?filter=userName%20sw%20%22paged%22&startIndex=3&count=2&attributes=userName,name.givenName");
        var (_, none) = await scim.CallAsync(HttpMethod.Get, "/scim/v2/Users?count=0");
        var (_, excluded) = await scim.CallAsync(HttpMethod.Get, "/scim/v2/Users?count=1&excludedAttributes=groups,emails");

        Assert.Equal((5, 3, 2), (page["totalResults"]!.GetValue<int>(), page["startIndex"]!.GetValue<int>(), page["itemsPerPage"]!.GetValue<int>()));
        var first = page["Resources"]![0]!.AsObject();
        Assert.Equal(["id", "meta", "name", "schemas", "userName"], first.Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Equal(["givenName"], first["name"]!.AsObject().Select(p => p.Key));
        Assert.StartsWith("paged", first["userName"]!.GetValue<string>());
        Assert.Equal((6, 0), (none["totalResults"]!.GetValue<int>(), none["Resources"]!.AsArray().Count));
        Assert.DoesNotContain(excluded["Resources"]![0]!.AsObject(), p => p.Key is "groups" or "emails");
        // A full first page is not all there is (the five and the customer's admin): the total is counted.
        Assert.Equal(6, excluded["totalResults"]!.GetValue<int>());
    }

    [Fact]
    public async Task Okta_puts_the_whole_user_and_deactivates_with_a_pathless_replace()
    {
        var scim = await ScimClient.StartAsync(factory);
        var id = ScimClient.Id(await scim.CreateUserAsync("okta.user@example.com"));

        var (put, replaced) = await scim.CallAsync(HttpMethod.Put, $"/scim/v2/Users/{id}", $$"""
            {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"id":"{{id}}","userName":"okta.renamed@example.com",
             "name":{"givenName":"Olga","familyName":"Okta"},"emails":[{"primary":true,"value":"okta.renamed@example.com","type":"work"}],
             "displayName":"Olga Okta","locale":"en-US","externalId":"00u1abc","groups":[],"password":"ignored-1A!","active":true}
            """);
        var (patch, deactivated) = await scim.CallAsync(HttpMethod.Patch, $"/scim/v2/Users/{id}",
            """{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","value":{"active":false}}]}""");

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(("okta.renamed@example.com", "Olga Okta", "00u1abc"),
            (replaced["userName"]!.GetValue<string>(), replaced["displayName"]!.GetValue<string>(), replaced["externalId"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.OK, patch.StatusCode);
        Assert.False(deactivated["active"]!.GetValue<bool>());
        var stored = await factory.WithDatabaseAsync(db => db.Users.IgnoreQueryFilters().SingleAsync(u => u.Id == Guid.Parse(id), Ct));
        Assert.Equal(("okta.renamed@example.com", false, true), (stored.Email, stored.IsActive, stored.DirectoryManaged));
    }

    [Fact]
    public async Task Entra_patches_with_capitalised_ops_string_booleans_and_value_paths()
    {
        var scim = await ScimClient.StartAsync(factory, "Entra ID");
        var id = ScimClient.Id(await scim.CreateUserAsync("entra.user@example.com"));

        var (response, patched) = await scim.CallAsync(HttpMethod.Patch, $"/scim/v2/Users/{id}", """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
              {"op":"Replace","path":"active","value":"False"},
              {"op":"Add","path":"emails[type eq \"work\"].value","value":"entra.user@example.com"},
              {"op":"Replace","path":"name.givenName","value":"Edda"},
              {"op":"Replace","path":"displayName","value":"Edda Entra"},
              {"op":"Add","path":"externalId","value":"5f2c-77"},
              {"op":"Add","path":"title","value":"Analyst"},
              {"op":"Replace","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department","value":"Finance"}]}
            """);
        var (_, again) = await scim.CallAsync(HttpMethod.Patch, $"/scim/v2/Users/{id}",
            """{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Replace","path":"active","value":"True"}]}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal((false, "Edda", "Edda Entra", "5f2c-77"), (patched["active"]!.GetValue<bool>(), patched["name"]!["givenName"]!.GetValue<string>(),
            patched["displayName"]!.GetValue<string>(), patched["externalId"]!.GetValue<string>()));
        Assert.True(again["active"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Delete_deactivates_and_keeps_the_person_and_their_history()
    {
        var scim = await ScimClient.StartAsync(factory);
        var id = ScimClient.Id(await scim.CreateUserAsync("leaver@example.com"));

        var deleted = await scim.SendAsync(HttpMethod.Delete, $"/scim/v2/Users/{id}");
        var (read, user) = await scim.CallAsync(HttpMethod.Get, $"/scim/v2/Users/{id}");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.False(user["active"]!.GetValue<bool>());
        var audit = await (await scim.Admin.GetAsync($"/api/v1/audit-events?target={id}", Ct)).JsonAsync();
        var actors = audit.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("actor").GetString()).Distinct();
        Assert.Equal(["the directory (Okta provisioning)"], actors);
    }

    [Fact]
    public async Task The_directory_cannot_deactivate_the_last_active_admin()
    {
        var scim = await ScimClient.StartAsync(factory);

        var (response, error) = await scim.CallAsync(HttpMethod.Patch, $"/scim/v2/Users/{scim.Customer.AdminId}",
            """{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"active","value":false}]}""");
        var deleted = await scim.SendAsync(HttpMethod.Delete, $"/scim/v2/Users/{scim.Customer.AdminId}");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("last active admin", error["detail"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Conflict, deleted.StatusCode);
        Assert.True(await factory.WithDatabaseAsync(db => db.Users.IgnoreQueryFilters().Where(u => u.Id == scim.Customer.AdminId).Select(u => u.IsActive).SingleAsync(Ct)));
    }

    [Fact]
    public async Task A_stale_if_match_is_412_and_the_current_version_applies()
    {
        var scim = await ScimClient.StartAsync(factory);
        var user = await scim.CreateUserAsync("versioned@example.com");
        var id = ScimClient.Id(user);
        var version = user["meta"]!["version"]!.GetValue<string>();
        const string Rename = """{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"displayName","value":"Renamed"}]}""";

        var first = await scim.SendAsync(HttpMethod.Patch, $"/scim/v2/Users/{id}", Rename, version);
        var stale = await scim.SendAsync(HttpMethod.Patch, $"/scim/v2/Users/{id}",
            """{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"displayName","value":"Again"}]}""", version);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.NotEqual(version, first.Headers.ETag?.ToString());
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
    }

    [Theory]
    [InlineData("POST", "/scim/v2/Users", """{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"bjensen"}""", 400, "invalidValue", "must be an e-mail address")]
    [InlineData("POST", "/scim/v2/Users", """{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"userName":"x@example.com"}""", 400, "invalidSyntax", "schemas")]
    [InlineData("POST", "/scim/v2/Users", """{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"x@example.com","active":"maybe"}""", 400, "invalidValue", "true or false")]
    [InlineData("POST", "/scim/v2/Users", """{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":""", 400, "invalidSyntax", "not valid JSON")]
    [InlineData("POST", "/scim/v2/Users", """{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"x@example.com","active":true,"active":false}""", 400, "invalidSyntax", "not valid JSON")]
    [InlineData("GET", "/scim/v2/Users?filter=userName%20eq", null, 400, "invalidFilter", "Expected a value")]
    [InlineData("GET", "/scim/v2/Users?filter=userName%20eq%20bjensen", null, 400, "invalidFilter", "quote strings")]
    [InlineData("GET", "/scim/v2/Users?filter=(userName%20eq%20%22a%22", null, 400, "invalidFilter", "')'")]
    [InlineData("GET", "/scim/v2/Users?filter=shoeSize%20gt%20%2242%22", null, 400, "invalidFilter", "shoeSize")]
    [InlineData("GET", "/scim/v2/Users?filter=userName%20like%20%22a%22", null, 400, "invalidFilter", "not a SCIM operator")]
    [InlineData("GET", "/scim/v2/Users?attributes=shoeSize", null, 400, "invalidValue", "shoeSize")]
    [InlineData("GET", "/scim/v2/Users?count=many", null, 400, "invalidValue", "count")]
    [InlineData("GET", "/scim/v2/Users/not-an-id", null, 404, null, "not found")]
    [InlineData("GET", "/scim/v2/Nothing", null, 404, null, "No such")]
    public async Task Bad_requests_are_scim_errors_never_a_500(string method, string path, string? body, int status, string? scimType, string detail)
    {
        var scim = await ScimClient.StartAsync(factory);

        var (response, error) = await scim.CallAsync(new HttpMethod(method), path, body);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/scim+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("urn:ietf:params:scim:api:messages:2.0:Error", error["schemas"]![0]!.GetValue<string>());
        Assert.Equal(status.ToString(System.Globalization.CultureInfo.InvariantCulture), error["status"]!.GetValue<string>());
        Assert.Equal(scimType, error["scimType"]?.GetValue<string>());
        Assert.Contains(detail, error["detail"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_person_the_directory_keeps_is_not_renamed_by_hand_until_an_admin_detaches_them()
    {
        var scim = await ScimClient.StartAsync(factory);
        var id = ScimClient.Id(await scim.CreateUserAsync("kept@example.com"));

        var refused = await scim.Admin.PatchAsJsonAsync($"/api/v1/users/{id}", new { displayName = "By hand" }, Ct);
        var roleOnly = await scim.Admin.PatchAsJsonAsync($"/api/v1/users/{id}", new { role = "Admin" }, Ct);
        var listed = await (await scim.Admin.GetAsync($"/api/v1/users/{id}", Ct)).JsonAsync();
        var detached = await scim.Admin.PostAsync($"/api/v1/users/{id}/detach", null, Ct);
        var renamed = await scim.Admin.PatchAsJsonAsync($"/api/v1/users/{id}", new { displayName = "By hand" }, Ct);
        var (_, synced) = await scim.CallAsync(HttpMethod.Patch, $"/scim/v2/Users/{id}",
            """{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"displayName","value":"From the directory"}]}""");

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("directory-managed", (await refused.JsonAsync()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.OK, roleOnly.StatusCode);
        Assert.True(listed.GetProperty("directoryManaged").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, detached.StatusCode);
        Assert.False((await detached.JsonAsync()).GetProperty("directoryManaged").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        Assert.Equal("From the directory", synced["displayName"]!.GetValue<string>());
        Assert.True(await factory.WithDatabaseAsync(db => db.Users.IgnoreQueryFilters().Where(u => u.Id == Guid.Parse(id)).Select(u => u.DirectoryManaged).SingleAsync(Ct)));
    }

    [Fact]
    public async Task A_taken_user_name_is_409_uniqueness()
    {
        var scim = await ScimClient.StartAsync(factory);
        await scim.CreateUserAsync("twice@example.com");

        var (response, error) = await scim.CallAsync(HttpMethod.Post, "/scim/v2/Users",
            """{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"TWICE@example.com"}""");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("uniqueness", error["scimType"]!.GetValue<string>());
    }

    [Fact]
    public async Task Huge_bodies_and_patches_are_refused_and_a_patch_failing_midway_changes_nothing()
    {
        var scim = await ScimClient.StartAsync(factory);
        var user = await scim.CreateUserAsync("atomic@example.com");
        var id = ScimClient.Id(user);
        var huge = $$"""{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"big@example.com","title":"{{new string('x', 10 * 1024 * 1024)}}"}""";
        var manyOperations = string.Join(",", Enumerable.Repeat("""{"op":"replace","path":"displayName","value":"Spam"}""", 10_000));

        var (tooBig, tooBigError) = await scim.CallAsync(HttpMethod.Post, "/scim/v2/Users", huge);
        var (tooMany, tooManyError) = await scim.CallAsync(HttpMethod.Patch, $"/scim/v2/Users/{id}",
            $$"""{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{{manyOperations}}]}""");
        var (half, halfError) = await scim.CallAsync(HttpMethod.Patch, $"/scim/v2/Users/{id}", """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
              {"op":"replace","path":"displayName","value":"Half applied"},{"op":"replace","path":"id","value":"mine"}]}
            """);
        var (badPath, badPathError) = await scim.CallAsync(HttpMethod.Patch, $"/scim/v2/Users/{id}",
            """{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"emails[type eq","value":"x"}]}""");

        Assert.Equal((HttpStatusCode.RequestEntityTooLarge, HttpStatusCode.BadRequest), (tooBig.StatusCode, tooMany.StatusCode));
        Assert.Contains("MB", tooBigError["detail"]!.GetValue<string>());
        Assert.Equal("tooMany", tooManyError["scimType"]!.GetValue<string>());
        Assert.Equal((HttpStatusCode.BadRequest, "mutability"), (half.StatusCode, halfError["scimType"]!.GetValue<string>()));
        Assert.Equal("invalidPath", badPathError["scimType"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.BadRequest, badPath.StatusCode);
        var (_, after) = await scim.CallAsync(HttpMethod.Get, $"/scim/v2/Users/{id}");
        Assert.Equal(user["displayName"]!.GetValue<string>(), after["displayName"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_scim_token_reaches_only_scim_of_its_customer_and_nothing_else_reaches_scim()
    {
        var scim = await ScimClient.StartAsync(factory);
        var other = await ScimClient.StartAsync(factory);
        var theirs = ScimClient.Id(await other.CreateUserAsync("theirs@example.com"));
        var token = await ApiClients.AccessTokenAsync(factory, scim.Customer.AdminEmail, TestCustomer.Password);
        var withApiToken = factory.WithBearer(token);

        var (foreign, _) = await scim.CallAsync(HttpMethod.Get, $"/scim/v2/Users/{theirs}");
        var (_, list) = await scim.CallAsync(HttpMethod.Get, "/scim/v2/Users?filter=userName%20eq%20%22theirs@example.com%22");
        var api = await scim.Directory.GetAsync("/api/v1/users", Ct);
        var anonymous = await factory.CreateClient().GetAsync("/scim/v2/Users", Ct);
        var apiTokenOnScim = await withApiToken.GetAsync("/scim/v2/Users", Ct);
        var cookieOnScim = await scim.Admin.GetAsync("/scim/v2/Users", Ct);

        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Equal(0, list["totalResults"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized),
            (anonymous.StatusCode, apiTokenOnScim.StatusCode, cookieOnScim.StatusCode));
        Assert.Equal("application/scim+json", anonymous.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_revoked_token_stops_at_once()
    {
        var scim = await ScimClient.StartAsync(factory);
        var tokens = await (await scim.Admin.GetAsync("/api/v1/scim-tokens", Ct)).JsonAsync();
        var id = tokens.GetProperty("items")[0].GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await scim.SendAsync(HttpMethod.Get, "/scim/v2/ServiceProviderConfig")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await scim.Admin.DeleteAsync($"/api/v1/scim-tokens/{id}", Ct)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await scim.SendAsync(HttpMethod.Get, "/scim/v2/ServiceProviderConfig")).StatusCode);
    }

    [Fact]
    public async Task Discovery_says_what_is_supported()
    {
        var scim = await ScimClient.StartAsync(factory);

        var (_, config) = await scim.CallAsync(HttpMethod.Get, "/scim/v2/ServiceProviderConfig");
        var (_, types) = await scim.CallAsync(HttpMethod.Get, "/scim/v2/ResourceTypes");
        var (_, schemas) = await scim.CallAsync(HttpMethod.Get, "/scim/v2/Schemas");
        var (_, user) = await scim.CallAsync(HttpMethod.Get, "/scim/v2/Schemas/urn:ietf:params:scim:schemas:core:2.0:User");

        Assert.True(config["patch"]!["supported"]!.GetValue<bool>());
        Assert.True(config["filter"]!["supported"]!.GetValue<bool>());
        Assert.False(config["bulk"]!["supported"]!.GetValue<bool>());
        Assert.Equal(["/Groups", "/Users"], types["Resources"]!.AsArray().Select(t => t!["endpoint"]!.GetValue<string>()).Order());
        Assert.Equal(2, schemas["totalResults"]!.GetValue<int>());
        Assert.Contains(user["attributes"]!.AsArray(), a => a!["name"]!.GetValue<string>() == "userName" && a["required"]!.GetValue<bool>());
    }
}

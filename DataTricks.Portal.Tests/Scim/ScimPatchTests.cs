using System.Text.Json.Nodes;
using DataTricks.Domain.Scim;

namespace DataTricks.Portal.Tests.Scim;

/// <summary>SCIM PATCH (RFC 7644 §3.5.2) on a user's JSON, with the RFC's own examples and the directories' shapes.</summary>
public sealed class ScimPatchTests
{
    private static JsonObject User() => JsonNode.Parse("""
        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"id":"2819c223","userName":"bjensen@example.com",
         "name":{"givenName":"Barbara","familyName":"Jensen"},"displayName":"Babs",
         "emails":[{"value":"bjensen@example.com","type":"work","primary":true}],"active":true}
        """)!.AsObject();

    private static JsonObject Patch(string operations, JsonObject? resource = null)
    {
        var target = resource ?? User();
        var patch = ScimUserResource.Patch;
        foreach (var operation in ScimPatch.Read(JsonNode.Parse($$"""{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{{operations}}]}""")))
            patch.Apply(target, operation);
        return target;
    }

    [Fact]
    public void Replace_without_a_path_sets_each_attribute_and_merges_a_complex_one()
    {
        var user = Patch("""{"op":"replace","value":{"active":false,"name":{"givenName":"Babs"},"schemas":["ignored"]}}""");

        Assert.False(user["active"]!.GetValue<bool>());
        Assert.Equal(("Babs", "Jensen"), (user["name"]!["givenName"]!.GetValue<string>(), user["name"]!["familyName"]!.GetValue<string>()));
    }

    [Fact]
    public void Entra_capitalised_ops_and_a_value_path_that_names_a_missing_value_make_it()
    {
        var user = User();
        user.Remove("emails");

        Patch("""{"op":"Add","path":"emails[type eq \"work\"].value","value":"babs@example.com"},{"op":"Replace","path":"name.familyName","value":"J"}""", user);

        Assert.Equal("""[{"type":"work","value":"babs@example.com"}]""", user["emails"]!.ToJsonString());
        Assert.Equal("J", user["name"]!["familyName"]!.GetValue<string>());
    }

    [Fact]
    public void Remove_takes_an_attribute_a_sub_attribute_or_the_values_a_filter_names()
    {
        var user = Patch("""{"op":"remove","path":"displayName"},{"op":"remove","path":"name.givenName"},{"op":"remove","path":"emails[type eq \"work\"]"}""");

        Assert.False(user.ContainsKey("displayName"));
        Assert.Equal("""{"familyName":"Jensen"}""", user["name"]!.ToJsonString());
        Assert.Empty(user["emails"]!.AsArray());
    }

    [Fact]
    public void Add_to_a_multi_valued_attribute_appends_what_is_new()
    {
        var user = Patch("""{"op":"add","path":"emails","value":[{"value":"bjensen@example.com","type":"work"},{"value":"babs@home.example","type":"home"}]}""");

        Assert.Equal(["bjensen@example.com", "babs@home.example"], user["emails"]!.AsArray().Select(e => e!["value"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData("""{"op":"replace","path":"id","value":"mine"}""", "mutability")]
    [InlineData("""{"op":"replace","path":"meta.created","value":"x"}""", "mutability")]
    [InlineData("""{"op":"replace","path":"shoeSize","value":42}""", "invalidPath")]
    [InlineData("""{"op":"replace","path":"emails[type eq","value":"x"}""", "invalidPath")]
    [InlineData("""{"op":"replace","path":"emails[type eq \"work\"]x","value":"x"}""", "invalidPath")]
    [InlineData("""{"op":"remove"}""", "noTarget")]
    [InlineData("""{"op":"replace","path":"active"}""", "invalidValue")]
    [InlineData("""{"op":"replace","value":"not an object"}""", "invalidValue")]
    [InlineData("""{"op":"move","path":"active","value":true}""", "invalidSyntax")]
    public void A_bad_operation_is_refused_with_its_scim_type(string operation, string scimType) =>
        Assert.Equal(scimType, Assert.Throws<ScimException>(() => Patch(operation)).ScimType);

    [Fact]
    public void A_patch_without_its_schema_or_operations_or_with_too_many_is_refused_before_anything_applies()
    {
        Assert.Equal("invalidSyntax", Assert.Throws<ScimException>(() => ScimPatch.Read(JsonNode.Parse("""{"Operations":[{"op":"remove","path":"title"}]}"""))).ScimType);
        Assert.Equal("invalidSyntax", Assert.Throws<ScimException>(() => ScimPatch.Read(JsonNode.Parse("""{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[]}"""))).ScimType);
        var many = string.Join(",", Enumerable.Repeat("""{"op":"remove","path":"title"}""", ScimPatch.MaxOperations + 1));
        Assert.Equal("tooMany", Assert.Throws<ScimException>(() => Patch(many)).ScimType);
        Assert.Equal(ScimPatch.MaxOperations, ScimPatch.Read(JsonNode.Parse(
            $$"""{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{{string.Join(",", Enumerable.Repeat("""{"op":"remove","path":"title"}""", ScimPatch.MaxOperations))}}]}""")).Count);
    }

    [Fact]
    public void What_a_user_is_read_back_as_refuses_a_user_name_that_is_not_an_e_mail_and_reads_string_booleans()
    {
        var user = User();
        user["active"] = "False";

        Assert.False(ScimUserResource.Read(user).Active);
        user["userName"] = "bjensen";
        Assert.Contains("must be an e-mail address", Assert.Throws<ScimException>(() => ScimUserResource.Read(user)).Message);
    }

    [Fact]
    public void A_value_path_selects_with_or_not_and_present_and_a_made_value_takes_every_eq_of_an_and()
    {
        var user = User();
        user["emails"] = JsonNode.Parse("""[{"value":"a@example.com","type":"work"},{"value":"b@example.com","type":"home"},{"value":"c@example.com"}]""");

        Patch("""{"op":"replace","path":"emails[type eq \"home\" or value sw \"a@\"].primary","value":true}""", user);
        Patch("""{"op":"remove","path":"emails[not (type pr)]"}""", user);
        Patch("""{"op":"add","path":"emails[type eq \"other\" and value eq \"d@example.com\"].primary","value":false}""", user);

        Assert.Equal(
            """[{"value":"a@example.com","type":"work","primary":true},{"value":"b@example.com","type":"home","primary":true},{"type":"other","value":"d@example.com","primary":false}]""",
            user["emails"]!.ToJsonString());
    }

    [Fact]
    public void Attributes_keep_and_excluded_attributes_drop_sub_attributes_and_id_schemas_meta_always_stay()
    {
        var only = ScimProjection.Parse("name.givenName", null, ScimUserResource.Attributes).Apply(User());
        var dropped = ScimProjection.Parse(null, "name.familyName,emails", ScimUserResource.Attributes).Apply(User());

        Assert.Equal(["id", "name", "schemas"], only.Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Equal("""{"givenName":"Barbara"}""", only["name"]!.ToJsonString());
        Assert.Equal("""{"givenName":"Barbara"}""", dropped["name"]!.ToJsonString());
        Assert.False(dropped.ContainsKey("emails"));
        Assert.True(dropped.ContainsKey("userName"));
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("*", true)]
    [InlineData("W/\"1\", W/\"2\"", true)]
    [InlineData("W/\"1\"", false)]
    [InlineData("\"2\"", false)]
    public void An_if_match_names_the_current_version_or_any(string? ifMatch, bool applies)
    {
        var check = () => ScimVersion.Check(ifMatch, "W/\"2\"", "user");

        if (applies)
            check();
        else
            Assert.Equal(412, Assert.Throws<ScimException>(check).Status);
    }
}

using System.Text.Json.Nodes;
using DataTricks.Domain.Scim;

namespace DataTricks.Portal.Scim;

/// <summary>
/// What a directory reads to learn what DataTricks supports (RFC 7643 §5–7): PATCH and filters yes, bulk, sorting,
/// password changes and ETags as the spec's optional extras as they are.
/// </summary>
public static class ScimDiscovery
{
    public static JsonObject ServiceProviderConfig() => new()
    {
        ["schemas"] = new JsonArray(ScimSchemas.ServiceProviderConfig),
        ["patch"] = new JsonObject { ["supported"] = true },
        ["bulk"] = new JsonObject { ["supported"] = false, ["maxOperations"] = 0, ["maxPayloadSize"] = 0 },
        ["filter"] = new JsonObject { ["supported"] = true, ["maxResults"] = ScimList.MaxCount },
        ["changePassword"] = new JsonObject { ["supported"] = false },
        ["sort"] = new JsonObject { ["supported"] = false },
        ["etag"] = new JsonObject { ["supported"] = true },
        ["authenticationSchemes"] = new JsonArray(new JsonObject
        {
            ["type"] = "oauthbearertoken",
            ["name"] = "SCIM token",
            ["description"] = "A bearer token (dts_…) an admin creates in the portal's Settings, for this customer's /scim/v2 only.",
            ["primary"] = true,
        }),
        ["meta"] = new JsonObject { ["resourceType"] = "ServiceProviderConfig", ["location"] = "/scim/v2/ServiceProviderConfig" },
    };

    public static JsonObject ResourceTypes() => List(
        ResourceType("User", ScimUserResource.Endpoint, ScimSchemas.User, "People of the customer; userName is their sign-in e-mail."),
        ResourceType("Group", ScimGroupResource.Endpoint, ScimSchemas.Group, "Teams of the customer; repos are shared with them."));

    public static JsonObject? ResourceType(string name) =>
        (ResourceTypes()["Resources"] as JsonArray)!.OfType<JsonObject>().FirstOrDefault(r => r["id"]!.GetValue<string>() == name)?.DeepClone().AsObject();

    public static JsonObject Schemas() => List(UserSchema(), GroupSchema());

    public static JsonObject? Schema(string id) =>
        (Schemas()["Resources"] as JsonArray)!.OfType<JsonObject>().FirstOrDefault(s => s["id"]!.GetValue<string>() == id)?.DeepClone().AsObject();

    private static JsonObject ResourceType(string name, string endpoint, string schema, string description) => new()
    {
        ["schemas"] = new JsonArray(ScimSchemas.ResourceType),
        ["id"] = name,
        ["name"] = name,
        ["endpoint"] = endpoint["/scim/v2".Length..],
        ["description"] = description,
        ["schema"] = schema,
        ["meta"] = new JsonObject { ["resourceType"] = "ResourceType", ["location"] = $"/scim/v2/ResourceTypes/{name}" },
    };

    private static JsonObject UserSchema() => Schema(ScimSchemas.User, "User", "A person of the customer.",
        Attribute("userName", "string", "The sign-in e-mail address; unique in the customer.", required: true, uniqueness: "server"),
        Complex("name", "The parts of the person's name.",
            Attribute("formatted", "string", "The full name, shown in the portal."),
            Attribute("givenName", "string", "Given name."),
            Attribute("familyName", "string", "Family name.")),
        Attribute("displayName", "string", "The name shown in the portal."),
        Attribute("externalId", "string", "The directory's own id of the person.", caseExact: true),
        Attribute("active", "boolean", "Whether the person may sign in; deleting a user sets it to false."),
        Complex("emails", "The sign-in e-mail, as the one work e-mail.", multiValued: true, mutability: "readOnly",
            Attribute("value", "string", "The address."), Attribute("type", "string", "Always work."), Attribute("primary", "boolean", "Always true.")),
        Complex("groups", "The groups the person is in.", multiValued: true, mutability: "readOnly",
            Attribute("value", "string", "The group's id."), Attribute("display", "string", "The group's name.")));

    private static JsonObject GroupSchema() => Schema(ScimSchemas.Group, "Group", "A team of the customer.",
        Attribute("displayName", "string", "The group's name; unique in the customer, ignoring case.", required: true, uniqueness: "server"),
        Attribute("externalId", "string", "The directory's own id of the group.", caseExact: true),
        Complex("members", "The people in the group.", multiValued: true, mutability: "readWrite",
            Attribute("value", "string", "The user's id."), Attribute("display", "string", "The user's e-mail.")));

    private static JsonObject Schema(string id, string name, string description, params JsonObject[] attributes) => new()
    {
        ["schemas"] = new JsonArray(ScimSchemas.Schema),
        ["id"] = id,
        ["name"] = name,
        ["description"] = description,
        ["attributes"] = new JsonArray([.. attributes]),
        ["meta"] = new JsonObject { ["resourceType"] = "Schema", ["location"] = $"/scim/v2/Schemas/{id}" },
    };

    private static JsonObject Attribute(string name, string type, string description, bool required = false, string uniqueness = "none", bool caseExact = false) => new()
    {
        ["name"] = name, ["type"] = type, ["multiValued"] = false, ["description"] = description, ["required"] = required,
        ["caseExact"] = caseExact, ["mutability"] = "readWrite", ["returned"] = "default", ["uniqueness"] = uniqueness,
    };

    private static JsonObject Complex(string name, string description, params JsonObject[] subAttributes) =>
        Complex(name, description, false, "readWrite", subAttributes);

    private static JsonObject Complex(string name, string description, bool multiValued, string mutability, params JsonObject[] subAttributes) => new()
    {
        ["name"] = name, ["type"] = "complex", ["multiValued"] = multiValued, ["description"] = description, ["required"] = false,
        ["mutability"] = mutability, ["returned"] = "default", ["subAttributes"] = new JsonArray([.. subAttributes]),
    };

    private static JsonObject List(params JsonObject[] resources) =>
        new ScimList(resources.Length, 1, resources).ToJson();
}

using System.Linq.Expressions;
using System.Text.Json.Nodes;
using DataTricks.Domain.Groups;
using DataTricks.Domain.Infrastructure.Persistence;

namespace DataTricks.Domain.Scim;

/// <summary>What a directory sends for a group, read and checked; <see cref="Members"/> is null when it sends none.</summary>
public sealed record ScimGroupInput(string DisplayName, string? ExternalId, IReadOnlyList<Guid>? Members);

/// <summary>A group as SCIM's core Group resource (RFC 7643 §4.2): written out, read in, filtered.</summary>
public static class ScimGroupResource
{
    public const string Endpoint = "/scim/v2/Groups";

    public static readonly IReadOnlySet<string> Attributes = new HashSet<string> { "id", "meta", "schemas", "displayname", "externalid", "members" };

    public static readonly IReadOnlySet<string> ReadOnly = new HashSet<string> { "id", "meta" };

    public static ScimPatch Patch => new(Attributes, ReadOnly, new HashSet<string>());

    public static JsonObject ToJson(Group group, IEnumerable<(Guid Id, string Email)>? members)
    {
        var json = new JsonObject
        {
            ["schemas"] = new JsonArray(ScimSchemas.Group),
            ["id"] = group.Id.ToString(),
            ["displayName"] = group.Name,
            ["meta"] = new JsonObject
            {
                ["resourceType"] = "Group",
                ["created"] = group.CreatedAt,
                ["lastModified"] = group.UpdatedAt,
                ["location"] = $"{Endpoint}/{group.Id}",
                ["version"] = VersionOf(group),
            },
        };
        if (group.ExternalId is not null)
            json["externalId"] = group.ExternalId;
        if (members is not null)
            json["members"] = new JsonArray([.. members.Select(m => (JsonNode)new JsonObject
            {
                ["value"] = m.Id.ToString(), ["display"] = m.Email, ["type"] = "User", ["$ref"] = $"{ScimUserResource.Endpoint}/{m.Id}",
            })]);
        return json;
    }

    /// <summary>The group's version moves with every change of it or its members: its ETag as is.</summary>
    public static string VersionOf(Group group) => $"W/\"{group.Version}\"";

    public static ScimGroupInput Read(JsonObject body)
    {
        ScimJson.RequireSchema(body, ScimSchemas.Group);
        var named = Group.NameRule.Check(ScimJson.String(body, "displayName"));
        if (!named.IsValid)
            throw ScimException.InvalidValue($"'displayName': {named.Problem}");
        var externalId = ScimJson.String(body, "externalId");
        if (externalId is { Length: > Group.ExternalIdMaxLength })
            throw ScimException.InvalidValue($"'externalId' has at most {Group.ExternalIdMaxLength} characters.");
        return new ScimGroupInput(named.Value, string.IsNullOrEmpty(externalId) ? null : externalId, MemberIds(ScimJson.Get(body, "members")));
    }

    /// <summary>The user ids of a <c>members</c> value (one member or a list); null when there is none.</summary>
    public static IReadOnlyList<Guid>? MemberIds(JsonNode? members) => members switch
    {
        null => null,
        JsonArray list => [.. list.Select(MemberId).Distinct()],
        JsonObject one => [MemberId(one)],
        _ => throw ScimException.InvalidValue("'members' must be a list of {\"value\": \"<user id>\"}."),
    };

    private static Guid MemberId(JsonNode? member) =>
        member is JsonObject o && Guid.TryParse(ScimJson.String(o, "value"), out var id)
            ? id
            : throw ScimException.InvalidValue("Each member is {\"value\": \"<user id>\"}, the id DataTricks gave the user.");

    /// <summary>What one filter leaf means for groups; null for an attribute or operator they cannot be filtered by.</summary>
    public static Func<ScimFilter, Expression<Func<Group, bool>>?> Leaf(DataTricksDbContext db) => leaf => leaf switch
    {
        ScimFilter.Present { Path: var path } => path.ToString() switch
        {
            "displayname" or "id" or "meta.created" => g => true,
            "externalid" => g => g.ExternalId != null,
            "members" or "members.value" => g => db.GroupMembers.Any(m => m.GroupId == g.Id),
            _ => null,
        },
        ScimFilter.Compare compare => compare.Path.ToString() switch
        {
            "displayname" => ScimText.Compare<Group>(g => g.NormalizedName, compare.Operator, ScimText.Value(compare).ToUpperInvariant()),
            "externalid" => ScimText.Compare<Group>(g => g.ExternalId, compare.Operator, ScimText.Value(compare)),
            "id" when compare.Operator == "eq" => Guid.TryParse(ScimText.Value(compare), out var id) ? g => g.Id == id : g => false,
            "members" or "members.value" when compare.Operator == "eq" =>
                Guid.TryParse(ScimText.Value(compare), out var member) ? g => db.GroupMembers.Any(m => m.GroupId == g.Id && m.UserId == member) : g => false,
            _ => null,
        },
        _ => null,
    };
}

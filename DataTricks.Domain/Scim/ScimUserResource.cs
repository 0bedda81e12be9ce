using System.Linq.Expressions;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using DataTricks.Domain.Groups;
using DataTricks.Domain.Users;

namespace DataTricks.Domain.Scim;

/// <summary>What a directory sends for a user, read and checked: the one shape a POST, a PUT and a patched user become.</summary>
public sealed record ScimUserInput(string UserName, string DisplayName, string? GivenName, string? FamilyName, string? ExternalId, bool Active);

/// <summary>
/// A user as SCIM's core User resource (RFC 7643 §4.1): how it is written out, read in, and filtered. The login e-mail
/// is both <c>userName</c> and the one work e-mail; the role stays the portal's to give.
/// </summary>
public static class ScimUserResource
{
    public const string Endpoint = "/scim/v2/Users";

    /// <summary>Attributes a PATCH may name: those kept, and the read-only ones it is refused.</summary>
    public static readonly IReadOnlySet<string> Attributes = new HashSet<string>
    {
        "id", "meta", "schemas", "groups", "username", "name", "displayname", "emails", "active", "externalid",
    };

    public static readonly IReadOnlySet<string> ReadOnly = new HashSet<string> { "id", "meta", "groups" };

    /// <summary>Core attributes directories send that DataTricks does not keep: accepted and dropped.</summary>
    public static readonly IReadOnlySet<string> Ignored = new HashSet<string>
    {
        "nickname", "profileurl", "title", "usertype", "preferredlanguage", "locale", "timezone", "password",
        "phonenumbers", "ims", "photos", "addresses", "entitlements", "roles", "x509certificates",
    };

    public static ScimPatch Patch => new(Attributes, ReadOnly, Ignored);

    public static JsonObject ToJson(User user, IEnumerable<GroupRef> groups)
    {
        var name = new JsonObject { ["formatted"] = user.DisplayName };
        if (user.GivenName is not null)
            name["givenName"] = user.GivenName;
        if (user.FamilyName is not null)
            name["familyName"] = user.FamilyName;
        var json = new JsonObject
        {
            ["schemas"] = new JsonArray(ScimSchemas.User),
            ["id"] = user.Id.ToString(),
            ["userName"] = user.Email,
            ["name"] = name,
            ["displayName"] = user.DisplayName,
            ["emails"] = new JsonArray(new JsonObject { ["value"] = user.Email, ["type"] = "work", ["primary"] = true }),
            ["active"] = user.IsActive,
            ["groups"] = new JsonArray([.. groups.Select(g => (JsonNode)new JsonObject
            {
                ["value"] = g.Id.ToString(), ["display"] = g.Name, ["$ref"] = $"{ScimGroupResource.Endpoint}/{g.Id}",
            })]),
            ["meta"] = new JsonObject
            {
                ["resourceType"] = "User",
                ["created"] = user.CreatedAt,
                ["location"] = $"{Endpoint}/{user.Id}",
                ["version"] = VersionOf(user),
            },
        };
        if (user.ExternalId is not null)
            json["externalId"] = user.ExternalId;
        return json;
    }

    /// <summary>A weak ETag of what SCIM shows of the user, so a directory's stale write is refused (If-Match).</summary>
    public static string VersionOf(User user)
    {
        var state = string.Join('\u001f', user.Email, user.DisplayName, user.GivenName, user.FamilyName, user.ExternalId, user.IsActive);
        return $"W/\"{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(state)))[..16]}\"";
    }

    public static ScimUserInput Read(JsonObject body)
    {
        ScimJson.RequireSchema(body, ScimSchemas.User);
        var userName = ScimJson.String(body, "userName")?.Trim();
        if (string.IsNullOrEmpty(userName))
            throw ScimException.InvalidValue("'userName' is required: the person's e-mail address, which they sign in with.");
        if (!EmailRules.IsValid(userName))
            throw ScimException.InvalidValue($"'userName' must be an e-mail address (DataTricks signs people in by e-mail); '{userName}' is not one. Map the directory's e-mail or user principal name to userName.");
        var name = ScimJson.Get(body, "name") switch
        {
            null => null,
            JsonObject o => o,
            _ => throw ScimException.InvalidValue("'name' must be an object (givenName, familyName, formatted)."),
        };
        var given = Part(name, "givenName");
        var family = Part(name, "familyName");
        var displayName = ScimJson.String(body, "displayName") is { } shown && !string.IsNullOrWhiteSpace(shown) ? shown
            : ScimJson.String(name, "formatted") is { } formatted && !string.IsNullOrWhiteSpace(formatted) ? formatted
            : string.Join(' ', new[] { given, family }.Where(p => !string.IsNullOrWhiteSpace(p))) is { Length: > 0 } joined ? joined
            : userName;
        var checkedName = User.DisplayNameRule.Check(displayName);
        if (!checkedName.IsValid)
            throw ScimException.InvalidValue($"'displayName': {checkedName.Problem}");
        var externalId = ScimJson.String(body, "externalId");
        if (externalId is { Length: > User.ExternalIdMaxLength })
            throw ScimException.InvalidValue($"'externalId' has at most {User.ExternalIdMaxLength} characters.");
        var active = ScimJson.Boolean(ScimJson.Get(body, "active"), "active") ?? true;
        return new ScimUserInput(userName, checkedName.Value, given, family, string.IsNullOrEmpty(externalId) ? null : externalId, active);
    }

    private static string? Part(JsonObject? name, string part)
    {
        var value = ScimJson.String(name, part)?.Trim();
        if (value is { Length: > User.NamePartMaxLength })
            throw ScimException.InvalidValue($"'name.{part}' has at most {User.NamePartMaxLength} characters.");
        return string.IsNullOrEmpty(value) ? null : value;
    }

    /// <summary>What one filter leaf means for users; null for an attribute or operator they cannot be filtered by.</summary>
    public static Expression<Func<User, bool>>? Leaf(ScimFilter leaf) => leaf switch
    {
        ScimFilter.Present { Path: var path } => path.ToString() switch
        {
            "username" or "emails" or "emails.value" or "id" or "active" or "displayname" or "meta.created" => u => true,
            "externalid" => u => u.ExternalId != null,
            "name.givenname" => u => u.GivenName != null,
            "name.familyname" => u => u.FamilyName != null,
            _ => null,
        },
        ScimFilter.Compare compare => compare.Path.ToString() switch
        {
            "username" or "emails" or "emails.value" => ScimText.Compare<User>(u => u.NormalizedEmail, compare.Operator, ScimText.Value(compare).ToUpperInvariant()),
            "externalid" => ScimText.Compare<User>(u => u.ExternalId, compare.Operator, ScimText.Value(compare)),
            "displayname" => ScimText.Compare<User>(u => u.DisplayName.ToUpper(), compare.Operator, ScimText.Value(compare).ToUpperInvariant()),
            "name.givenname" => ScimText.Compare<User>(u => u.GivenName!.ToUpper(), compare.Operator, ScimText.Value(compare).ToUpperInvariant()),
            "name.familyname" => ScimText.Compare<User>(u => u.FamilyName!.ToUpper(), compare.Operator, ScimText.Value(compare).ToUpperInvariant()),
            // Every user's one e-mail is their work e-mail.
            "emails.type" when compare.Operator == "eq" => ScimText.Value(compare).Equals("work", StringComparison.OrdinalIgnoreCase) ? u => true : u => false,
            "active" when compare.Operator is "eq" or "ne" => Active(compare),
            "id" when compare.Operator == "eq" => Guid.TryParse(ScimText.Value(compare), out var id) ? u => u.Id == id : u => false,
            _ => null,
        },
        _ => null,
    };

    private static Expression<Func<User, bool>> Active(ScimFilter.Compare compare)
    {
        var wanted = ScimJson.Boolean(compare.Value, "active") ?? throw ScimException.InvalidFilter("'active' is compared with true or false.");
        var equal = compare.Operator == "eq";
        return u => u.IsActive == (wanted == equal);
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;

namespace DataTricks.Domain.Scim;

/// <summary>Reading SCIM JSON the way directories write it: attribute names in any case, booleans as strings.</summary>
public static class ScimJson
{
    /// <summary>The attribute named <paramref name="name"/>, whatever its case (RFC 7643 §2.1).</summary>
    public static JsonNode? Get(JsonObject? resource, string name)
    {
        if (resource is null)
            return null;
        if (resource.TryGetPropertyValue(name, out var exact))
            return exact;
        foreach (var (key, value) in resource)
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
                return value;
        return null;
    }

    /// <summary>The key <paramref name="name"/> is stored under in <paramref name="resource"/>, whatever its case; null when absent.</summary>
    public static string? KeyOf(JsonObject resource, string name) =>
        resource.Select(p => p.Key).FirstOrDefault(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>A string attribute; null when absent or JSON null; anything else is an <c>invalidValue</c>.</summary>
    public static string? String(JsonObject? resource, string name) => AsString(Get(resource, name), name);

    public static string? AsString(JsonNode? node, string name) => node switch
    {
        null => null,
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        JsonValue value when value.GetValueKind() == JsonValueKind.Null => null,
        _ => throw ScimException.InvalidValue($"'{name}' must be a string."),
    };

    /// <summary>
    /// A boolean attribute, as JSON <c>true</c>/<c>false</c> or, as Entra ID sends it, the strings <c>"True"</c> and
    /// <c>"False"</c> in any case; null when absent.
    /// </summary>
    public static bool? Boolean(JsonNode? node, string name) => node switch
    {
        null => null,
        JsonValue value when value.GetValueKind() is JsonValueKind.True or JsonValueKind.False => value.GetValue<bool>(),
        JsonValue value when value.GetValueKind() == JsonValueKind.String && bool.TryParse(value.GetValue<string>().Trim(), out var parsed) => parsed,
        JsonValue value when value.GetValueKind() == JsonValueKind.Null => null,
        _ => throw ScimException.InvalidValue($"'{name}' must be true or false."),
    };

    /// <summary>The body as a JSON object; anything else is <c>invalidSyntax</c>.</summary>
    public static JsonObject Object(JsonNode? body) =>
        body as JsonObject ?? throw ScimException.InvalidSyntax("The body must be a JSON object.");

    /// <summary>Refuses a body whose <c>schemas</c> does not name <paramref name="schema"/>.</summary>
    public static void RequireSchema(JsonObject body, string schema)
    {
        if (Get(body, "schemas") is not JsonArray schemas
            || !schemas.Any(s => s is JsonValue v && v.GetValueKind() == JsonValueKind.String && string.Equals(v.GetValue<string>(), schema, StringComparison.OrdinalIgnoreCase)))
            throw ScimException.InvalidSyntax($"'schemas' must list \"{schema}\".");
    }
}

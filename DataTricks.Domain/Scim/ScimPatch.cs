using System.Text.Json;
using System.Text.Json.Nodes;

namespace DataTricks.Domain.Scim;

/// <summary>One operation of a SCIM PATCH, with <see cref="Op"/> lower-cased (Entra ID sends "Replace").</summary>
public sealed record ScimPatchOperation(string Op, string? Path, JsonNode? Value);

/// <summary>
/// SCIM PATCH (RFC 7644 §3.5.2) applied to a resource's JSON: <c>add</c>, <c>replace</c> and <c>remove</c>, with a
/// path (<c>active</c>, <c>name.givenName</c>, <c>emails[type eq "work"].value</c>, <c>members[value eq "…"]</c>) or,
/// for add and replace, without one (a value object whose attributes are each applied). A resource's service reads the
/// patched JSON back as it reads a PUT, so one set of rules checks both.
/// </summary>
public sealed class ScimPatch(IReadOnlySet<string> attributes, IReadOnlySet<string> readOnly, IReadOnlySet<string> ignored)
{
    /// <summary>The most operations one PATCH may carry: a directory sends a handful, and the whole PATCH is one transaction.</summary>
    public const int MaxOperations = 1000;

    private static readonly IReadOnlySet<string> Ops = new HashSet<string> { "add", "replace", "remove" };

    /// <summary>The operations of a PATCH body; a malformed body is refused before anything is applied.</summary>
    public static IReadOnlyList<ScimPatchOperation> Read(JsonNode? body)
    {
        var message = ScimJson.Object(body);
        ScimJson.RequireSchema(message, ScimSchemas.PatchOp);
        if (ScimJson.Get(message, "Operations") is not JsonArray operations || operations.Count == 0)
            throw ScimException.InvalidSyntax("A PATCH needs 'Operations', a list of at least one operation.");
        if (operations.Count > MaxOperations)
            throw ScimException.TooMany($"A PATCH carries at most {MaxOperations} operations; this one has {operations.Count}. Send them in several requests.");
        return [.. operations.Select((node, index) =>
        {
            var operation = node as JsonObject ?? throw ScimException.InvalidSyntax($"Operation {index + 1} is not an object.");
            var op = ScimJson.String(operation, "op")?.ToLowerInvariant();
            if (op is null || !Ops.Contains(op))
                throw ScimException.InvalidSyntax($"Operation {index + 1}: 'op' must be add, replace or remove.");
            var path = ScimJson.String(operation, "path");
            var value = ScimJson.Get(operation, "value");
            if (op != "remove" && value is null)
                throw ScimException.InvalidValue($"Operation {index + 1} ({op}) needs a 'value'.");
            if (op == "remove" && string.IsNullOrWhiteSpace(path))
                throw ScimException.NoTarget($"Operation {index + 1}: remove needs a 'path'.");
            return new ScimPatchOperation(op, string.IsNullOrWhiteSpace(path) ? null : path.Trim(), value?.DeepClone());
        })];
    }

    public void Apply(JsonObject resource, ScimPatchOperation operation)
    {
        if (operation.Path is null)
        {
            if (operation.Value is not JsonObject values)
                throw ScimException.InvalidValue($"{operation.Op} without a path needs an object of attributes as its value.");
            foreach (var (name, value) in values.ToList())
            {
                if (name.Equals("schemas", StringComparison.OrdinalIgnoreCase))
                    continue;
                Apply(resource, operation with { Path = name, Value = value?.DeepClone() });
            }
            return;
        }
        if (Target.Parse(operation.Path) is not { } target || ignored.Contains(target.Attribute))
            return;
        if (!attributes.Contains(target.Attribute))
            throw ScimException.InvalidPath($"'{operation.Path}' is not an attribute of this resource.");
        if (readOnly.Contains(target.Attribute))
            throw ScimException.Mutability($"'{target.Attribute}' cannot be changed.");
        var key = ScimJson.KeyOf(resource, target.Attribute) ?? target.Attribute;
        if (target.Filter is null)
            ApplyToAttribute(resource, key, target.SubAttribute, operation);
        else
            ApplyToValues(resource, key, target, operation);
    }

    private static void ApplyToAttribute(JsonObject resource, string key, string? sub, ScimPatchOperation operation)
    {
        var current = resource[key];
        if (sub is not null)
        {
            if (current is not JsonObject complex)
            {
                if (operation.Op == "remove")
                    return;
                resource[key] = complex = [];
            }
            SetOrRemove(complex, ScimJson.KeyOf(complex, sub) ?? sub, operation);
            return;
        }
        switch (operation.Op)
        {
            case "remove" when current is JsonArray values && operation.Value is { } removed:
                // Entra ID removes members by listing them: {"op":"Remove","path":"members","value":[{"value":"…"}]}.
                var gone = Items(removed).Select(ValueOf).ToHashSet(StringComparer.Ordinal);
                foreach (var item in values.Where(v => gone.Contains(ValueOf(v))).ToList())
                    values.Remove(item);
                break;
            case "remove":
                resource.Remove(key);
                break;
            case "add" when current is JsonArray values:
                var present = values.Select(ValueOf).ToHashSet(StringComparer.Ordinal);
                foreach (var item in Items(operation.Value!).Where(i => ValueOf(i) is not { } v || present.Add(v)))
                    values.Add(item.DeepClone());
                break;
            case "add" or "replace" when current is JsonObject complex && operation.Value is JsonObject parts:
                // A complex attribute takes the sub-attributes given and keeps the others (RFC 7644 §3.5.2.3).
                foreach (var (name, value) in parts.ToList())
                    complex[ScimJson.KeyOf(complex, name) ?? name] = value?.DeepClone();
                break;
            default:
                resource[key] = operation.Value?.DeepClone();
                break;
        }
    }

    private static void ApplyToValues(JsonObject resource, string key, Target target, ScimPatchOperation operation)
    {
        if (resource[key] is not JsonArray values)
        {
            if (operation.Op == "remove")
                return;
            resource[key] = values = [];
        }
        var matches = values.OfType<JsonObject>().Where(v => Matches(v, target.Filter!)).ToList();
        if (operation.Op == "remove")
        {
            foreach (var match in matches)
                if (target.SubAttribute is { } sub)
                    match.Remove(ScimJson.KeyOf(match, sub) ?? sub);
                else
                    values.Remove(match);
            return;
        }
        if (matches.Count == 0)
        {
            // emails[type eq "work"].value on a user with no work e-mail yet: the value it names is made (Entra ID sends this).
            var made = Seed(target.Filter!);
            values.Add(made);
            matches.Add(made);
        }
        foreach (var match in matches)
            if (target.SubAttribute is { } sub)
                SetOrRemove(match, ScimJson.KeyOf(match, sub) ?? sub, operation);
            else if (operation.Value is JsonObject parts)
                foreach (var (name, value) in parts.ToList())
                    match[ScimJson.KeyOf(match, name) ?? name] = value?.DeepClone();
            else
                throw ScimException.InvalidValue($"'{operation.Path}' takes an object.");
    }

    private static void SetOrRemove(JsonObject target, string key, ScimPatchOperation operation)
    {
        if (operation.Op == "remove")
            target.Remove(key);
        else
            target[key] = operation.Value?.DeepClone();
    }

    private static IEnumerable<JsonNode> Items(JsonNode value) => value is JsonArray array ? array.OfType<JsonNode>() : [value];

    /// <summary>The <c>value</c> of a multi-valued attribute's item (a member's id), or the item itself when it is a plain value.</summary>
    private static string? ValueOf(JsonNode? item) => item switch
    {
        JsonObject o => ScimJson.Get(o, "value") is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        _ => null,
    };

    /// <summary>Whether one value of a multi-valued attribute matches a path's filter (<c>type eq "work"</c>).</summary>
    private static bool Matches(JsonObject item, ScimFilter filter) => filter switch
    {
        ScimFilter.And and => Matches(item, and.Left) && Matches(item, and.Right),
        ScimFilter.Or or => Matches(item, or.Left) || Matches(item, or.Right),
        ScimFilter.Not not => !Matches(item, not.Inner),
        ScimFilter.Present present => ScimJson.Get(item, present.Path.Attribute) is not null,
        ScimFilter.Compare compare => Compare(ScimJson.Get(item, compare.Path.Attribute), compare.Operator, compare.Value),
        _ => false,
    };

    private static bool Compare(JsonNode? actual, string op, JsonValue? expected)
    {
        var left = actual?.ToString() ?? "";
        var right = expected?.ToString() ?? "";
        return op switch
        {
            "eq" => string.Equals(left, right, StringComparison.OrdinalIgnoreCase),
            "ne" => !string.Equals(left, right, StringComparison.OrdinalIgnoreCase),
            "co" => left.Contains(right, StringComparison.OrdinalIgnoreCase),
            "sw" => left.StartsWith(right, StringComparison.OrdinalIgnoreCase),
            "ew" => left.EndsWith(right, StringComparison.OrdinalIgnoreCase),
            _ => throw ScimException.InvalidPath($"'{op}' cannot select values in a path; use eq, ne, co, sw or ew."),
        };
    }

    /// <summary>A new value that a path's <c>eq</c> conditions describe (<c>type eq "work"</c> gives <c>{"type":"work"}</c>).</summary>
    private static JsonObject Seed(ScimFilter filter)
    {
        var made = new JsonObject();
        void Collect(ScimFilter f)
        {
            if (f is ScimFilter.Compare { Operator: "eq" } c)
                made[c.Path.Attribute] = c.Value?.DeepClone();
            else if (f is ScimFilter.And a)
            {
                Collect(a.Left);
                Collect(a.Right);
            }
        }
        Collect(filter);
        return made;
    }

    /// <summary>A PATCH path: an attribute, maybe a filter on its values, maybe a sub-attribute.</summary>
    private sealed record Target(string Attribute, ScimFilter? Filter, string? SubAttribute)
    {
        /// <summary>The target of <paramref name="path"/>; null for an attribute of the enterprise extension, which is not kept.</summary>
        public static Target? Parse(string path)
        {
            if (path.StartsWith(ScimSchemas.EnterpriseUser, StringComparison.OrdinalIgnoreCase))
                return null;
            var open = path.IndexOf('[');
            if (open < 0)
            {
                var plain = ScimPath.Parse(path, ScimException.InvalidPath);
                return new Target(plain.Attribute, null, plain.SubAttribute);
            }
            var close = path.LastIndexOf(']');
            if (close < open)
                throw ScimException.InvalidPath($"'{path}' opens a '[' it does not close.");
            var attribute = ScimPath.Parse(path[..open], ScimException.InvalidPath);
            if (attribute.SubAttribute is not null)
                throw ScimException.InvalidPath($"'{path}' filters a sub-attribute.");
            ScimFilter filter;
            try
            {
                filter = ScimFilter.Parse(path[(open + 1)..close]);
            }
            catch (ScimException invalid)
            {
                throw ScimException.InvalidPath($"'{path}': {invalid.Message}");
            }
            var rest = path[(close + 1)..];
            if (rest.Length > 0 && (rest[0] != '.' || rest.Length == 1))
                throw ScimException.InvalidPath($"'{path}' has '{rest}' after its filter.");
            var sub = rest.Length > 0 ? ScimPath.Parse(rest[1..], ScimException.InvalidPath).Attribute : null;
            return new Target(attribute.Attribute, filter, sub);
        }
    }
}

using System.Text.Json.Nodes;

namespace DataTricks.Domain.Scim;

/// <summary>
/// <c>attributes</c> and <c>excludedAttributes</c> (RFC 7644 §3.4.2.5): the attributes a client asks for, or all but
/// those it excludes. <c>id</c>, <c>schemas</c> and <c>meta</c> are always returned; an attribute the resource does not
/// have is refused, so a typo is not a silent empty answer.
/// </summary>
public sealed class ScimProjection
{
    private static readonly IReadOnlySet<string> Always = new HashSet<string> { "id", "schemas", "meta" };

    private readonly IReadOnlyList<ScimPath>? _only;
    private readonly IReadOnlyList<ScimPath> _excluded;

    private ScimProjection(IReadOnlyList<ScimPath>? only, IReadOnlyList<ScimPath> excluded) => (_only, _excluded) = (only, excluded);

    public static ScimProjection Parse(string? attributes, string? excludedAttributes, IReadOnlySet<string> known)
    {
        IReadOnlyList<ScimPath>? Paths(string? list, string parameter) => string.IsNullOrWhiteSpace(list) ? null
            : [.. list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(text =>
            {
                var path = ScimPath.Parse(text, message => ScimException.InvalidValue($"{parameter}: {message}"));
                return known.Contains(path.Attribute) ? path : throw ScimException.InvalidValue($"{parameter}: '{text}' is not an attribute of this resource.");
            })];
        return new ScimProjection(Paths(attributes, "attributes"), Paths(excludedAttributes, "excludedAttributes") ?? []);
    }

    /// <summary>Whether <paramref name="attribute"/> is returned at all: a group's members are only read when they are.</summary>
    public bool Includes(string attribute) =>
        (_only is null || _only.Any(p => p.Attribute == attribute)) && !_excluded.Any(p => p.Attribute == attribute && p.SubAttribute is null);

    public JsonObject Apply(JsonObject resource)
    {
        foreach (var key in resource.Select(p => p.Key).ToList())
        {
            var name = key.ToLowerInvariant();
            if (Always.Contains(name))
                continue;
            if (!Includes(name))
            {
                resource.Remove(key);
                continue;
            }
            if (resource[key] is JsonObject complex)
                Trim(complex, name);
        }
        return resource;
    }

    /// <summary>Sub-attributes: <c>attributes=name.givenName</c> keeps only that one of <c>name</c>.</summary>
    private void Trim(JsonObject complex, string attribute)
    {
        var kept = _only?.Where(p => p.Attribute == attribute && p.SubAttribute is not null).Select(p => p.SubAttribute!).ToHashSet();
        var dropped = _excluded.Where(p => p.Attribute == attribute && p.SubAttribute is not null).Select(p => p.SubAttribute!).ToHashSet();
        foreach (var key in complex.Select(p => p.Key).ToList())
            if ((kept is { Count: > 0 } && !kept.Contains(key.ToLowerInvariant())) || dropped.Contains(key.ToLowerInvariant()))
                complex.Remove(key);
    }
}

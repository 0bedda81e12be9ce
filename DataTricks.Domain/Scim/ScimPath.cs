namespace DataTricks.Domain.Scim;

/// <summary>
/// An attribute path (<c>userName</c>, <c>name.givenName</c>, <c>emails.value</c>), lower-cased because SCIM attribute
/// names are case-insensitive, without the core schema's URN a client may put in front.
/// </summary>
public sealed record ScimPath(string Attribute, string? SubAttribute = null)
{
    public static readonly IReadOnlyList<string> CoreSchemas =
    [
        ScimSchemas.User, ScimSchemas.Group, ScimSchemas.EnterpriseUser,
    ];

    public static ScimPath Parse(string text, Func<string, ScimException> error)
    {
        var path = text;
        foreach (var schema in CoreSchemas)
            if (path.StartsWith(schema + ":", StringComparison.OrdinalIgnoreCase))
            {
                path = path[(schema.Length + 1)..];
                break;
            }
        var parts = path.Split('.');
        if (parts.Length > 2 || parts.Any(p => p.Length == 0 || !p.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '$')))
            throw error($"'{text}' is not an attribute path.");
        return new ScimPath(parts[0].ToLowerInvariant(), parts.Length == 2 ? parts[1].ToLowerInvariant() : null);
    }

    public override string ToString() => SubAttribute is null ? Attribute : $"{Attribute}.{SubAttribute}";
}

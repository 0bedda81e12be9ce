using System.Globalization;
using Microsoft.Extensions.Primitives;

namespace DataTricks.Portal.Api;

/// <summary>Strong ETags from an entity's version number.</summary>
public static class ETags
{
    public static string For(long version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    /// <summary>
    /// No header or <c>*</c> means no precondition (null). False for a value that is not one of our ETags:
    /// it can never match, so the request fails its precondition.
    /// </summary>
    public static bool TryParseIfMatch(StringValues header, out long? expectedVersion)
    {
        expectedVersion = null;
        var value = header.ToString().Trim();
        if (value.Length == 0 || value == "*")
            return true;
        if (value.StartsWith("W/", StringComparison.Ordinal))
            value = value[2..];
        if (value.Length >= 2 && value[0] == '"' && value[^1] == '"'
            && long.TryParse(value.AsSpan(1, value.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            expectedVersion = version;
            return true;
        }
        return false;
    }
}

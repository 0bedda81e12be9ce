using System.Globalization;
using DataTricks.Domain.Common;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace DataTricks.Portal.Api;

/// <summary>Strong ETags from a resource's version number, and the preconditions of RFC 9110 on them.</summary>
public static class ETags
{
    public static string For(long version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    /// <summary>
    /// If-Match: none or <c>*</c> allows any version; otherwise the versions of the listed strong tags. A weak tag never
    /// matches (If-Match compares strongly), and a tag that is not ours names no version, so both can only fail.
    /// </summary>
    public static VersionMatch IfMatch(StringValues header)
    {
        if (StringValues.IsNullOrEmpty(header) || !EntityTagHeaderValue.TryParseList(header, out var tags))
            return StringValues.IsNullOrEmpty(header) ? VersionMatch.Any : new VersionMatch(new HashSet<long>());
        if (tags.Any(t => t.Equals(EntityTagHeaderValue.Any)))
            return VersionMatch.Any;
        return new VersionMatch(tags.Where(t => !t.IsWeak).Select(Version).OfType<long>().ToHashSet());
    }

    /// <summary>If-None-Match: true when the caller's copy is current (<c>*</c>, or a tag equal by weak comparison).</summary>
    public static bool IsCurrent(StringValues header, long version) =>
        !StringValues.IsNullOrEmpty(header) && EntityTagHeaderValue.TryParseList(header, out var tags)
        && tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || Version(t) == version);

    private static long? Version(EntityTagHeaderValue tag) =>
        long.TryParse(tag.Tag.AsSpan().Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var version) ? version : null;
}

using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using DataTricks.Domain.Common;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
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

    /// <summary>
    /// A GET of a versioned resource: its ETag is its version; with If-None-Match holding it, 304 and no body.
    /// </summary>
    public static Results<Ok<T>, StatusCodeHttpResult> VersionedOk<T>(HttpContext http, T representation, long version)
    {
        http.Response.Headers.ETag = For(version);
        return IsCurrent(http.Request.Headers.IfNoneMatch, version)
            ? TypedResults.StatusCode(StatusCodes.Status304NotModified)
            : TypedResults.Ok(representation);
    }

    /// <summary>
    /// A GET of a resource whose representation gathers several rows (a repo with its environment and member count, a
    /// customer with its sizes): its strong ETag is a hash of the representation itself, so it changes exactly when
    /// what the client holds would. With If-None-Match holding it, 304 and no body.
    /// </summary>
    public static Results<Ok<T>, StatusCodeHttpResult> ConditionalOk<T>(HttpContext http, T representation)
    {
        var tag = OfRepresentation(http, representation);
        http.Response.Headers.ETag = tag.ToString();
        var ifNoneMatch = http.Request.Headers.IfNoneMatch;
        var current = !StringValues.IsNullOrEmpty(ifNoneMatch) && EntityTagHeaderValue.TryParseList(ifNoneMatch, out var tags)
            && tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(tag, useStrongComparison: false));
        return current ? TypedResults.StatusCode(StatusCodes.Status304NotModified) : TypedResults.Ok(representation);
    }

    /// <summary>
    /// If-Match on a resource whose ETag is a hash of its representation: null (any state) without the header or with
    /// <c>*</c>; else whether the resource, shown as the API shows it, still has one of the listed strong tags.
    /// </summary>
    public static Func<TView, bool>? IfMatchesRepresentation<TView, TRepresentation>(HttpContext http, Func<TView, TRepresentation> represent)
    {
        var header = http.Request.Headers.IfMatch;
        if (StringValues.IsNullOrEmpty(header))
            return null;
        if (!EntityTagHeaderValue.TryParseList(header, out var tags))
            return _ => false;
        if (tags.Any(t => t.Equals(EntityTagHeaderValue.Any)))
            return null;
        return view => tags.Any(t => t.Compare(OfRepresentation(http, represent(view)), useStrongComparison: true));
    }

    private static EntityTagHeaderValue OfRepresentation<T>(HttpContext http, T representation)
    {
        var json = http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        return new EntityTagHeaderValue($"\"{Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(representation, json)))[..32]}\"");
    }

    private static long? Version(EntityTagHeaderValue tag) =>
        long.TryParse(tag.Tag.AsSpan().Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var version) ? version : null;
}

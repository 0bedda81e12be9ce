using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;

namespace DataTricks.Domain.Scim;

/// <summary>
/// One page of a SCIM listing (RFC 7644 §3.4.2.4): 1-based <see cref="StartIndex"/>, at most
/// <see cref="MaxCount"/> resources a page.
/// </summary>
public sealed record ScimList(int TotalResults, int StartIndex, IReadOnlyList<JsonObject> Resources)
{
    public const int DefaultCount = 100;
    public const int MaxCount = 1000;

    /// <summary>The window asked for, as RFC 7644 says to read it: a start below 1 is 1, a negative count is 0, a count above the most is the most.</summary>
    public static (int Skip, int Take, int StartIndex) Window(int? startIndex, int? count)
    {
        var start = Math.Max(startIndex ?? 1, 1);
        return (start - 1, Math.Clamp(count ?? DefaultCount, 0, MaxCount), start);
    }

    /// <summary>
    /// How many resources match: a first page that is not full holds them all, so a directory's lookup of one person
    /// (<c>userName eq "…"</c>) costs one query, not two.
    /// </summary>
    public static async Task<int> TotalAsync<T>(IQueryable<T> query, int skip, int take, int pageCount, CancellationToken cancellationToken) =>
        skip == 0 && pageCount < take ? pageCount : await query.CountAsync(cancellationToken);

    public JsonObject ToJson() => new()
    {
        ["schemas"] = new JsonArray(ScimSchemas.ListResponse),
        ["totalResults"] = TotalResults,
        ["startIndex"] = StartIndex,
        ["itemsPerPage"] = Resources.Count,
        ["Resources"] = new JsonArray([.. Resources.Select(r => (JsonNode)r)]),
    };
}

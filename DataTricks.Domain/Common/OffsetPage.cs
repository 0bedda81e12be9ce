namespace DataTricks.Domain.Common;

/// <summary>
/// Paging by position for the small, name-sorted lists of a customer (users, repos), where the portal's tables
/// jump to any page and show a total. The API carries the position as an opaque page token.
/// </summary>
public sealed record OffsetPage<T>(IReadOnlyList<T> Items, int TotalCount, int Offset)
{
    public string? NextPageToken => Offset + Items.Count < TotalCount ? OffsetToken.For(Offset + Items.Count) : null;
}

public static class OffsetToken
{
    public static string For(int offset) => Convert.ToBase64String(BitConverter.GetBytes(offset)).TrimEnd('=');

    public static bool TryParse(string? token, out int offset)
    {
        offset = 0;
        if (string.IsNullOrEmpty(token))
            return true;
        Span<byte> bytes = stackalloc byte[8];
        if (!Convert.TryFromBase64String(token.PadRight(8, '='), bytes, out var written) || written != 4)
            return false;
        offset = BitConverter.ToInt32(bytes);
        return offset >= 0;
    }
}

/// <summary>
/// What a listing asks for: a search text, a window and a sort (see <see cref="SortOrder"/>; each listing knows its
/// columns and ignores others).
/// </summary>
public sealed record ListQuery(string? Search, int Offset, int Limit, string? Sort = null)
{
    public const int MaxLimit = 100;

    public static Result<ListQuery> FromApi(string? search, int? pageSize, string? pageToken)
    {
        var errors = new FieldErrors()
            .Check(pageSize is null or (>= 1 and <= MaxLimit), "pageSize", $"pageSize is 1 to {MaxLimit}.")
            .Check(OffsetToken.TryParse(pageToken, out var offset), "pageToken", "pageToken is not one this API returned.")
            .Check(search is null || search.Length <= 100, "search", "search has at most 100 characters.")
            .Check(search is null || CleanText.IsClean(search), "search", "search cannot contain control characters.");
        if (errors.Any)
            return errors.ToFailure();
        return new ListQuery(search, offset, pageSize ?? 25);
    }

    /// <summary>
    /// The search text upper-cased for the normalized columns, or null for no search.
    /// Control characters are dropped: no name holds one, and PostgreSQL refuses a NUL in any text.</summary>
    public string? NormalizedSearch =>
        string.IsNullOrWhiteSpace(Search) ? null : new string(Search.Where(c => !char.IsControl(c)).ToArray()).Trim().ToUpperInvariant() is { Length: > 0 } text ? text : null;
}

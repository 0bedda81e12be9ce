using System.Buffers;
using System.Buffers.Binary;
using System.Buffers.Text;

namespace DataTricks.Domain.Common;

/// <summary>
/// Paging by position for the small, name-sorted lists of a customer (users, repos), where the portal's tables
/// jump to any page and show a total. The API carries the position as an opaque page token.
/// </summary>
public sealed record OffsetPage<T>(IReadOnlyList<T> Items, int TotalCount, int Offset)
{
    public string? NextPageToken => Offset + Items.Count < TotalCount ? OffsetToken.For(Offset + Items.Count) : null;

    /// <summary>The same window, each item shown another way.</summary>
    public OffsetPage<TOut> Map<TOut>(Func<T, TOut> map) => new([.. Items.Select(map)], TotalCount, Offset);
}

/// <summary>A position in a list, as an opaque token in the page tokens' one format: base64url, safe in a URL as it is.</summary>
public static class OffsetToken
{
    public static string For(int offset)
    {
        Span<byte> bytes = stackalloc byte[sizeof(int)];
        BinaryPrimitives.WriteInt32BigEndian(bytes, offset);
        return Base64Url.EncodeToString(bytes);
    }

    public static bool TryParse(string? token, out int offset)
    {
        offset = 0;
        if (string.IsNullOrEmpty(token))
            return true;
        Span<byte> bytes = stackalloc byte[sizeof(int) + 2];
        // The OperationStatus overload reports bad input instead of throwing.
        if (Base64Url.DecodeFromChars(token, bytes, out _, out var written) != OperationStatus.Done || written != sizeof(int))
            return false;
        offset = BinaryPrimitives.ReadInt32BigEndian(bytes);
        return offset >= 0;
    }
}

/// <summary>
/// What a listing asks for: a search text, a window and a sort (see <see cref="SortOrder"/>; each listing knows its
/// columns and ignores others).
/// </summary>
public sealed record ListQuery(string? Search, int Offset, int Limit, string? Sort = null)
{
    /// <summary>How many items a page has when the caller does not say: every list of the API and the portal.</summary>
    public const int DefaultLimit = 25;

    /// <summary>The most items a page may have: every list of the API and the portal.</summary>
    public const int MaxLimit = 100;

    /// <summary>The page size rule every list applies, keyset or by position.</summary>
    public static FieldErrors CheckPageSize(FieldErrors errors, int? pageSize) =>
        errors.Check(pageSize is null or (>= 1 and <= MaxLimit), "pageSize", $"pageSize is 1 to {MaxLimit}.");

    public const string TokenRule = "pageToken is not one this API returned.";

    public static Result<ListQuery> FromApi(string? search, int? pageSize, string? pageToken, string? sort = null, IReadOnlyCollection<string>? sortColumns = null) =>
        FromApi(new FieldErrors(), search, pageSize, pageToken, sort, sortColumns);

    /// <summary>
    /// The list parameters every list takes, checked together with a list's own filters (whose refusals are already in
    /// <paramref name="errors"/>), so one answer names every field to fix. A sort must be one the list offers.
    /// </summary>
    public static Result<ListQuery> FromApi(
        FieldErrors errors, string? search, int? pageSize, string? pageToken, string? sort, IReadOnlyCollection<string>? sortColumns)
    {
        var sorts = SortOrder.Values(sortColumns ?? []);
        CheckPageSize(errors, pageSize)
            .Check(OffsetToken.TryParse(pageToken, out var offset), "pageToken", TokenRule)
            .Check(search is null || search.Length <= 100, "q", "q has at most 100 characters.")
            .Check(search is null || CleanText.IsClean(search), "q", "q cannot contain control characters.")
            .Check(sort is null || sorts.Contains(sort), "sort", sorts.Count == 0 ? "This list has one order." : $"sort is one of {string.Join(", ", sorts)}.");
        if (errors.Any)
            return errors.ToFailure();
        return new ListQuery(search, offset, pageSize ?? DefaultLimit, sort);
    }

    /// <summary>
    /// The search text upper-cased for the normalized columns, or null for no search.
    /// Control characters are dropped: no name holds one, and PostgreSQL refuses a NUL in any text.</summary>
    public string? NormalizedSearch =>
        string.IsNullOrWhiteSpace(Search) ? null : new string(Search.Where(c => !char.IsControl(c)).ToArray()).Trim().ToUpperInvariant() is { Length: > 0 } text ? text : null;
}

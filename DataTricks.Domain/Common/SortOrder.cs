using System.Linq.Expressions;

namespace DataTricks.Domain.Common;

/// <summary>
/// How a table is sorted, as it reads in a URL: a column name, descending when it starts with '-' ("-created").
/// Each listing names the columns it sorts by; anything else falls back to the listing's default.
/// </summary>
public sealed record SortOrder(string Column, bool Descending)
{
    public static SortOrder Parse(string? text, IReadOnlyCollection<string> columns, SortOrder fallback)
    {
        if (string.IsNullOrWhiteSpace(text))
            return fallback;
        var descending = text.StartsWith('-');
        var column = descending ? text[1..] : text;
        return columns.Contains(column, StringComparer.OrdinalIgnoreCase) ? new SortOrder(column.ToLowerInvariant(), descending) : fallback;
    }

    public override string ToString() => Descending ? "-" + Column : Column;

    /// <summary>Every order a listing of <paramref name="columns"/> offers: each column up and down.</summary>
    public static IReadOnlyList<string> Values(IEnumerable<string> columns) => [.. columns.SelectMany(c => new[] { c, "-" + c })];

    public IOrderedQueryable<T> Apply<T, TKey>(IQueryable<T> source, Expression<Func<T, TKey>> key) =>
        Descending ? source.OrderByDescending(key) : source.OrderBy(key);
}

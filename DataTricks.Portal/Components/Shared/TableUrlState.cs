using DataTricks.Domain.Common;

namespace DataTricks.Portal.Components.Shared;

/// <summary>
/// A list's search, sort and window as they read in its page's URL (<c>?q=&amp;sort=&amp;page=&amp;size=</c>, and
/// <c>after=</c> for a newest-first list paged by position token), so a reload or a shared link shows the same rows.
/// Values a list does not know fall back to its defaults, and defaults are left out of the URL.
/// </summary>
public sealed record TableUrlState(string? Search, string Sort, int Page, int PageSize, string? After = null)
{
    /// <summary>The sizes a table offers, up to the most any list gives (<see cref="ListQuery.MaxLimit"/>).</summary>
    public static readonly IReadOnlyList<int> PageSizes = [10, ListQuery.DefaultLimit, 50, ListQuery.MaxLimit];

    public string DefaultSort { get; private init; } = "name";

    public static TableUrlState Parse(string? q, string? sort, int? page, int? size, IReadOnlyCollection<string> columns, string defaultSort, string? after = null) =>
        new(Trimmed(q),
            SortOrder.Parse(sort, columns, new SortOrder(defaultSort, false)).ToString(),
            page is >= 1 ? page.Value : 1,
            size is { } s && PageSizes.Contains(s) ? s : ListQuery.DefaultLimit,
            string.IsNullOrWhiteSpace(after) ? null : after)
        {
            DefaultSort = defaultSort,
        };

    public ListQuery ToQuery() => new(Search, (Page - 1) * PageSize, PageSize, Sort);

    /// <summary>A new search starts from the first rows.</summary>
    public TableUrlState Searching(string? search) => this with { Search = Trimmed(search), Page = 1, After = null };

    /// <summary>Sorting by <paramref name="column"/>: ascending first, descending when it already sorts ascending by it.</summary>
    public TableUrlState SortedBy(string column) => this with { Sort = Sort == column ? "-" + column : column, Page = 1, After = null };

    public TableUrlState Sized(int pageSize) => this with { PageSize = pageSize, Page = 1, After = null };

    public IReadOnlyDictionary<string, object?> ToParameters() => new Dictionary<string, object?>
    {
        ["q"] = Search,
        ["sort"] = Sort == DefaultSort ? null : Sort,
        ["page"] = Page == 1 ? null : Page,
        ["size"] = PageSize == ListQuery.DefaultLimit ? null : PageSize,
        ["after"] = After,
    };

    private static string? Trimmed(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

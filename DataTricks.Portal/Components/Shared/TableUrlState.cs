using DataTricks.Domain.Common;
using MudBlazor;

namespace DataTricks.Portal.Components.Shared;

/// <summary>
/// A server-paged table's search, sort and page as they read in its page's URL (<c>?q=&amp;sort=&amp;page=&amp;size=</c>), so
/// a reload or a shared link shows the same rows. Values a table does not know fall back to its defaults, and
/// defaults are left out of the URL.
/// </summary>
public sealed record TableUrlState(string? Search, string Sort, int Page, int PageSize)
{
    /// <summary>The sizes a table offers, up to the most any list gives (<see cref="ListQuery.MaxLimit"/>).</summary>
    public static readonly IReadOnlyList<int> PageSizes = [10, ListQuery.DefaultLimit, 50, ListQuery.MaxLimit];

    public string DefaultSort { get; private init; } = "name";

    public static TableUrlState Parse(string? q, string? sort, int? page, int? size, IReadOnlyCollection<string> columns, string defaultSort) =>
        new(string.IsNullOrWhiteSpace(q) ? null : q.Trim(),
            SortOrder.Parse(sort, columns, new SortOrder(defaultSort, false)).ToString(),
            page is >= 1 ? page.Value : 1,
            size is { } s && PageSizes.Contains(s) ? s : ListQuery.DefaultLimit)
        {
            DefaultSort = defaultSort,
        };

    public ListQuery ToQuery() => new(Search, (Page - 1) * PageSize, PageSize, Sort);

    /// <summary>Sorting by <paramref name="column"/>: ascending first, descending when it already sorts ascending by it.</summary>
    public TableUrlState SortedBy(string column) => this with { Sort = Sort == column ? "-" + column : column, Page = 1 };

    /// <summary>What a MudTable asked for (page from 0, a sort label and direction), in this table's terms.</summary>
    public TableUrlState With(TableState state) => this with
    {
        Page = state.Page + 1,
        PageSize = state.PageSize,
        Sort = state.SortDirection switch
        {
            SortDirection.Ascending when state.SortLabel is { } column => column,
            SortDirection.Descending when state.SortLabel is { } column => "-" + column,
            _ => DefaultSort,
        },
    };

    /// <summary>How a MudTableSortLabel of <paramref name="column"/> starts.</summary>
    public SortDirection DirectionOf(string column) =>
        Sort == column ? SortDirection.Ascending : Sort == "-" + column ? SortDirection.Descending : SortDirection.None;

    public IReadOnlyDictionary<string, object?> ToParameters() => new Dictionary<string, object?>
    {
        ["q"] = Search,
        ["sort"] = Sort == DefaultSort ? null : Sort,
        ["page"] = Page == 1 ? null : Page,
        ["size"] = PageSize == ListQuery.DefaultLimit ? null : PageSize,
    };
}

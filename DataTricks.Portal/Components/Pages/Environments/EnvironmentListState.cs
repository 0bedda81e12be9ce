using DataTricks.Domain.Common;
using DataTricks.Domain.ComputeEnvironments;

namespace DataTricks.Portal.Components.Pages.Environments;

/// <summary>
/// What the environments page shows, as it reads in its URL (<c>?q=&amp;status=&amp;sort=&amp;page=&amp;size=&amp;view=</c>), so a
/// reload or a shared link shows the same list. Values the page does not know fall back to the defaults; defaults
/// are left out of the URL.
/// </summary>
public sealed record EnvironmentListState(string? Search, ComputeEnvironmentStatus? Status, string Sort, int Page, int PageSize, bool Cards)
{
    public const string DefaultSort = "name";
    public const int DefaultPageSize = 25;
    public static readonly IReadOnlyList<int> PageSizes = [10, 25, 50, 100];
    public static readonly EnvironmentListState Default = new(null, null, DefaultSort, 1, DefaultPageSize, false);

    public static EnvironmentListState Parse(string? q, string? status, string? sort, int? page, int? size, string? view) => new(
        string.IsNullOrWhiteSpace(q) ? null : q.Trim(),
        Enum.TryParse<ComputeEnvironmentStatus>(status, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
            && !int.TryParse(status, out _) && parsed != ComputeEnvironmentStatus.Deleted ? parsed : null,
        SortOrder.Parse(sort, ComputeEnvironmentService.SortColumns, new SortOrder(DefaultSort, false)).ToString(),
        page is >= 1 ? page.Value : 1,
        size is { } s && PageSizes.Contains(s) ? s : DefaultPageSize,
        string.Equals(view, "cards", StringComparison.OrdinalIgnoreCase));

    public ListQuery ToQuery() => new(Search, (Page - 1) * PageSize, PageSize, Sort);

    /// <summary>Sorting by <paramref name="column"/>: ascending first, descending when it already sorts ascending by it.</summary>
    public EnvironmentListState SortedBy(string column) =>
        this with { Sort = Sort == column ? "-" + column : column, Page = 1 };

    public IReadOnlyDictionary<string, object?> ToParameters() => new Dictionary<string, object?>
    {
        ["q"] = Search,
        ["status"] = Status?.ToString(),
        ["sort"] = Sort == DefaultSort ? null : Sort,
        ["page"] = Page == 1 ? null : Page,
        ["size"] = PageSize == DefaultPageSize ? null : PageSize,
        ["view"] = Cards ? "cards" : null,
    };
}

using DataTricks.Domain.ComputeEnvironments;
using DataTricks.Portal.Components.Shared;

namespace DataTricks.Portal.Components.Pages.Environments;

/// <summary>
/// What the environments page shows, as it reads in its URL: the table's search, sort and page
/// (<see cref="TableUrlState"/>), and <c>status=</c> and <c>view=cards</c>.
/// </summary>
public sealed record EnvironmentListState(TableUrlState Table, ComputeEnvironmentStatus? Status, bool Cards)
{
    public const string DefaultSort = "name";

    public static EnvironmentListState Parse(string? q, string? status, string? sort, int? page, int? size, string? view) => new(
        TableUrlState.Parse(q, sort, page, size, ComputeEnvironmentService.SortColumns, DefaultSort),
        EnvironmentListQuery.TryParseStatus(status, out var parsed) && parsed != ComputeEnvironmentStatus.Deleted ? parsed : null,
        string.Equals(view, "cards", StringComparison.OrdinalIgnoreCase));

    /// <summary>Nothing narrows the list: an empty result means the customer has no environment at all.</summary>
    public bool ShowsAll => Table.Search is null && Status is null;

    public EnvironmentListQuery ToQuery() => new(Table.ToQuery(), Status);

    public IReadOnlyDictionary<string, object?> ToParameters() => new Dictionary<string, object?>(Table.ToParameters())
    {
        ["status"] = Status?.ToString(),
        ["view"] = Cards ? "cards" : null,
    };
}

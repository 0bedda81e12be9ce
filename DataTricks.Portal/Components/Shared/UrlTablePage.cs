using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace DataTricks.Portal.Components.Shared;

/// <summary>
/// A page around one server-paged table whose search, sort and page live in the URL. The URL is read once, when the
/// page opens; afterwards the table leads and the URL follows it, replaced rather than pushed so Back leaves the page.
/// </summary>
public abstract class UrlTablePage : ComponentBase
{
    [Inject] private NavigationManager Navigation { get; set; } = null!;

    [SupplyParameterFromQuery(Name = "q")] public string? Search { get; set; }
    [SupplyParameterFromQuery(Name = "sort")] public string? Sort { get; set; }
    [SupplyParameterFromQuery(Name = "page")] public int? PageNumber { get; set; }
    [SupplyParameterFromQuery(Name = "size")] public int? PageSize { get; set; }

    protected TableUrlState State { get; private set; } = null!;

    protected abstract IReadOnlyCollection<string> SortColumns { get; }
    protected virtual string DefaultSort => "name";
    protected override void OnInitialized() =>
        State = TableUrlState.Parse(Search, Sort, PageNumber, PageSize, SortColumns, DefaultSort);

    protected void Remember(TableUrlState state)
    {
        if (state == State)
            return;
        State = state;
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(state.ToParameters()), replace: true);
    }

    /// <summary>The query a MudTable's request stands for, remembered in the URL.</summary>
    protected Domain.Common.ListQuery QueryFor(TableState table)
    {
        Remember(State.With(table));
        return State.ToQuery();
    }

    /// <summary>A new search starts at the first page.</summary>
    protected void Remember(string? search) =>
        Remember(State with { Search = string.IsNullOrWhiteSpace(search) ? null : search.Trim(), Page = 1 });
}

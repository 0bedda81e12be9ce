using DataTricks.Domain.Common;
using Microsoft.AspNetCore.Components;

namespace DataTricks.Portal.Components.Shared;

/// <summary>
/// A page around one <see cref="PagedTable{TItem}"/> whose search, sort and page live in the URL: the URL leads, every
/// change of it loads the rows it names, and the table's moves replace it (rather than push, so Back leaves the page).
/// </summary>
public abstract class UrlTablePage<TItem> : ComponentBase
{
    [Inject] private NavigationManager Navigation { get; set; } = null!;

    [SupplyParameterFromQuery(Name = "q")] public string? Search { get; set; }
    [SupplyParameterFromQuery(Name = "sort")] public string? Sort { get; set; }
    [SupplyParameterFromQuery(Name = "page")] public int? PageNumber { get; set; }
    [SupplyParameterFromQuery(Name = "size")] public int? PageSize { get; set; }

    protected TableUrlState State => TableUrlState.Parse(Search, Sort, PageNumber, PageSize, SortColumns, SortColumns.First());

    private readonly LatestLoad<OffsetPage<TItem>> _rows = new();

    /// <summary>The rows the URL names, or null while they load.</summary>
    protected OffsetPage<TItem>? Rows => _rows.Value;

    /// <summary>The columns the list sorts by; the first is its default.</summary>
    protected abstract IReadOnlyCollection<string> SortColumns { get; }

    protected abstract Task<OffsetPage<TItem>> LoadAsync(ListQuery query);

    protected override Task OnParametersSetAsync() => ShowAsync();

    /// <summary>
    /// Reads the rows again after a change this page made, and shows them at once: the handler that made the change
    /// may go on waiting (for a dialog to close) before Blazor would draw the page again.
    /// </summary>
    protected async Task ReloadAsync()
    {
        await ShowAsync();
        StateHasChanged();
    }

    private Task<bool> ShowAsync()
    {
        var query = State.ToQuery();
        return _rows.LoadAsync(() => LoadAsync(query));
    }

    protected Task GoAsync(TableUrlState state)
    {
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(state.ToParameters()), replace: true);
        return Task.CompletedTask;
    }

    protected Task SearchAsync(string? search) => GoAsync(State.Searching(search));
}

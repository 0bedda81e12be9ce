using Microsoft.AspNetCore.Components;

namespace DataTricks.Portal.Components.Shared;

/// <summary>What a <see cref="PagedTable{TItem}"/> tells its <see cref="SortHeader"/>s: how it is sorted and where to ask for another order.</summary>
public sealed record TableSorting(string Sort, EventCallback<string> SortBy);

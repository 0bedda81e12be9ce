using DataTricks.Domain.Common;

namespace DataTricks.Portal.Api;

/// <summary>A page of a name-sorted list, with the total the portal's tables show.</summary>
public sealed record PageResponse<T>(IReadOnlyList<T> Items, string? NextPageToken, int TotalCount)
{
    public static PageResponse<T> From(OffsetPage<T> page) => new(page.Items, page.NextPageToken, page.TotalCount);
}

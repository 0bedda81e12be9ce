using DataTricks.Domain.Common;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DataTricks.Portal.Api;

/// <summary>A page of a list, with the total the portal's tables show.</summary>
public sealed record PageResponse<T>(IReadOnlyList<T> Items, string? NextPageToken, int TotalCount) : INextPage
{
    public static PageResponse<T> From(OffsetPage<T> page) => new(page.Items, page.NextPageToken, page.TotalCount);

    /// <summary>
    /// A list endpoint's answer: the page <paramref name="list"/> reads for the query, or 400 for a bad size, token,
    /// search or sort (one of <paramref name="sortColumns"/>, each up or down).
    /// </summary>
    public static Task<Results<Ok<PageResponse<T>>, ProblemHttpResult>> ListAsync(
        PageRequest page, Func<ListQuery, Task<OffsetPage<T>>> list, string? q = null, string? sort = null, IReadOnlyCollection<string>? sortColumns = null) =>
        ListQuery.FromApi(q, page.PageSize, page.PageToken, sort, sortColumns).ToHttpResultAsync(async query => TypedResults.Ok(From(await list(query))));

    /// <summary>A list of something that may not exist (a group's members): 404 for the owner, else as the other ListAsync.</summary>
    public static async Task<Results<Ok<PageResponse<T>>, ProblemHttpResult>> ListAsync(
        PageRequest page, Func<ListQuery, Task<Result<OffsetPage<T>>>> list, string? q = null, string? sort = null, IReadOnlyCollection<string>? sortColumns = null)
    {
        var query = ListQuery.FromApi(q, page.PageSize, page.PageToken, sort, sortColumns);
        if (!query.Succeeded)
            return query.Failure.ToProblem();
        return (await list(query.Value)).ToHttpResult(items => TypedResults.Ok(From(items)));
    }
}

using DataTricks.Domain.Common;

namespace DataTricks.Domain.ComputeEnvironments;

/// <summary>
/// What a list of environments asks for, from the portal's table and from the API alike: the search, sort and window
/// of every list, one status or else every live environment, and when they were created.
/// </summary>
public sealed record EnvironmentListQuery(ListQuery Page, ComputeEnvironmentStatus? Status = null, CreatedRange? Created = null)
{
    /// <summary>The API's order: newest first, as the contract has always listed them.</summary>
    public const string ApiSort = "-created";

    /// <summary>The environments of the list's status, or every live one.</summary>
    public IQueryable<ComputeEnvironment> Filter(IQueryable<ComputeEnvironment> environments) =>
        (Created ?? CreatedRange.Any).Filter(
            Status is { } only ? environments.Where(e => e.Status == only) : environments.Where(e => e.Status != ComputeEnvironmentStatus.Deleted),
            e => e.CreatedAt);

    /// <summary>Whether an environment in <paramref name="status"/> belongs in the list (as <see cref="Filter"/> says), so an open list knows a change moved it in or out.</summary>
    public bool Admits(ComputeEnvironmentStatus status) => Status is { } only ? status == only : status != ComputeEnvironmentStatus.Deleted;

    public static string StatusRule => EnumText.Rule<ComputeEnvironmentStatus>("status");

    /// <summary>A status by its name in any case; numbers are not names.</summary>
    public static bool TryParseStatus(string? text, out ComputeEnvironmentStatus? status) => EnumText.TryParse(text, out status);

    /// <summary>The API's query parameters, every refusal named by its field.</summary>
    public static Result<EnvironmentListQuery> FromApi(string? search, string? sort, string? status, CreatedRange created, int? pageSize, string? pageToken)
    {
        var errors = created.Check(new FieldErrors()).Check(TryParseStatus(status, out var parsed), "status", StatusRule);
        var page = ListQuery.FromApi(errors, search, pageSize, pageToken, sort, ComputeEnvironmentService.SortColumns);
        return page.Succeeded ? new EnvironmentListQuery(page.Value with { Sort = sort ?? ApiSort }, parsed, created) : page.Failure;
    }
}

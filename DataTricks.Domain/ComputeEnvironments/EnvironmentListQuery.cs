using DataTricks.Domain.Common;

namespace DataTricks.Domain.ComputeEnvironments;

/// <summary>
/// What a list of environments asks for, from the portal's table and from the API alike: the search, sort and window
/// of every list, and one status or else every live environment.
/// </summary>
public sealed record EnvironmentListQuery(ListQuery Page, ComputeEnvironmentStatus? Status = null)
{
    /// <summary>The API's order: newest first, as the contract has always listed them.</summary>
    public const string ApiSort = "-created";

    /// <summary>The environments of the list's status, or every live one.</summary>
    public IQueryable<ComputeEnvironment> Filter(IQueryable<ComputeEnvironment> environments) =>
        Status is { } only ? environments.Where(e => e.Status == only) : environments.Where(e => e.Status != ComputeEnvironmentStatus.Deleted);

    /// <summary>Whether an environment in <paramref name="status"/> belongs in the list (as <see cref="Filter"/> says), so an open list knows a change moved it in or out.</summary>
    public bool Admits(ComputeEnvironmentStatus status) => Status is { } only ? status == only : status != ComputeEnvironmentStatus.Deleted;

    public static string StatusRule => $"status is one of {string.Join(", ", Enum.GetNames<ComputeEnvironmentStatus>())}.";

    /// <summary>A status by its name in any case; numbers are not names, though <see cref="Enum.TryParse{TEnum}(string, bool, out TEnum)"/> takes them.</summary>
    public static bool TryParseStatus(string? text, out ComputeEnvironmentStatus? status)
    {
        status = null;
        if (text is null)
            return true;
        if (int.TryParse(text, out _) || !Enum.TryParse<ComputeEnvironmentStatus>(text, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
            return false;
        status = parsed;
        return true;
    }

    /// <summary>The API's query parameters, every refusal named by its field.</summary>
    public static Result<EnvironmentListQuery> FromApi(string? status, int? pageSize, string? pageToken)
    {
        var errors = ListQuery.CheckPageSize(new FieldErrors(), pageSize)
            .Check(TryParseStatus(status, out var parsed), "status", StatusRule)
            .Check(OffsetToken.TryParse(pageToken, out var offset), "pageToken", ListQuery.TokenRule);
        if (errors.Any)
            return errors.ToFailure();
        return new EnvironmentListQuery(new ListQuery(null, offset, pageSize ?? ListQuery.DefaultLimit, ApiSort), parsed);
    }
}

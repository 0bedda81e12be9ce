using DataTricks.Domain.Common;
using DataTricks.Domain.Provisioning;

namespace DataTricks.Domain.ComputeEnvironments;

/// <summary>
/// What a list of the customer's operations asks for: newest first, narrowed by status, kind, environment and when
/// they were created.
/// </summary>
public sealed record OperationListQuery(
    ListQuery Page, OperationStatus? Status = null, OperationKind? Kind = null, Guid? EnvironmentId = null, CreatedRange? Created = null)
{
    public IQueryable<Operation> Filter(IQueryable<Operation> operations)
    {
        if (Status is { } status)
            operations = operations.Where(o => o.Status == status);
        if (Kind is { } kind)
            operations = operations.Where(o => o.Kind == kind);
        if (EnvironmentId is { } environmentId)
            operations = operations.Where(o => o.ComputeEnvironmentId == environmentId);
        return (Created ?? CreatedRange.Any).Filter(operations, o => o.CreatedAt);
    }

    /// <summary>The API's query parameters, every refusal named by its field.</summary>
    public static Result<OperationListQuery> FromApi(string? status, string? kind, Guid? environmentId, CreatedRange created, int? pageSize, string? pageToken)
    {
        var errors = created.Check(new FieldErrors())
            .Check(EnumText.TryParse<OperationStatus>(status, out var parsedStatus), "status", EnumText.Rule<OperationStatus>("status"))
            .Check(EnumText.TryParse<OperationKind>(kind, out var parsedKind), "kind", EnumText.Rule<OperationKind>("kind"));
        var page = ListQuery.FromApi(errors, search: null, pageSize, pageToken, sort: null, sortColumns: null);
        return page.Succeeded ? new OperationListQuery(page.Value, parsedStatus, parsedKind, environmentId, created) : page.Failure;
    }
}

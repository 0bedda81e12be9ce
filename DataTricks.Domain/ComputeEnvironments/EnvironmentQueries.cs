using DataTricks.Domain.Persistence;
using DataTricks.Domain.Provisioning;

namespace DataTricks.Domain.ComputeEnvironments;

/// <summary>The projections of environments and operations that every reader shares.</summary>
internal static class EnvironmentQueries
{
    public static IQueryable<EnvironmentView> ToViews(this IQueryable<ComputeEnvironment> environments, DataTricksDbContext db) =>
        environments.Select(e => new EnvironmentView(
            e.Id, e.Name, e.Cloud, e.Region, e.NodeType, e.MinWorkers, e.MaxWorkers, e.Status, e.StatusMessage,
            e.CreatedAt, e.UpdatedAt, e.ReadyAt,
            e.CurrentOperationId,
            db.Repos.Count(r => r.ComputeEnvironmentId == e.Id),
            e.Version,
            db.Operations.Where(o => o.Id == e.CurrentOperationId).Select(o => o.Step).FirstOrDefault()));

    public static OperationView ToView(this Operation o) => new(
        o.Id, o.Kind, o.Status, o.IsDone, o.ComputeEnvironmentId,
        o.Kind == OperationKind.Delete ? "Delete" : o.Step?.ToString(),
        o.Kind == OperationKind.Delete ? (o.Status == OperationStatus.NotStarted ? 0 : 1) : o.Step is { } step ? (int)step + 1 : 0,
        o.Kind == OperationKind.Delete ? 1 : ProvisioningSteps.All.Count,
        o.Attempt,
        o.ErrorCode is null ? null : new OperationError(o.ErrorCode, o.ErrorMessage ?? ""),
        o.CreatedAt, o.UpdatedAt);
}

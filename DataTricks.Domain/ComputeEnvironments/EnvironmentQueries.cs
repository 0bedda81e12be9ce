using System.Linq.Expressions;
using DataTricks.Domain.Persistence;
using DataTricks.Domain.Provisioning;

namespace DataTricks.Domain.ComputeEnvironments;

/// <summary>The projections of environments and operations that every reader shares, run in the database.</summary>
internal static class EnvironmentQueries
{
    public static IQueryable<EnvironmentView> ToViews(this IQueryable<ComputeEnvironment> environments, DataTricksDbContext db) =>
        environments.Select(e => new EnvironmentView(
            e.Id, e.Name, e.Cloud, e.Region, e.NodeType, e.MinWorkers, e.MaxWorkers, e.Status, e.StatusMessage,
            e.CreatedAt, e.UpdatedAt, e.ReadyAt,
            db.Operations.Where(o => o.ComputeEnvironmentId == e.Id).OrderByDescending(o => o.CreatedAt).Select(o => (Guid?)o.Id).FirstOrDefault(),
            db.Repos.Count(r => r.ComputeEnvironmentId == e.Id),
            e.Version));

    public static Expression<Func<Operation, OperationView>> ToView { get; } = o => new OperationView(
        o.Id, o.Kind, o.Status,
        o.Status == OperationStatus.Succeeded || o.Status == OperationStatus.Failed || o.Status == OperationStatus.Canceled,
        o.ComputeEnvironmentId,
        o.Kind == OperationKind.Delete ? "Delete" : o.Step.HasValue ? o.Step.Value.ToString() : null,
        o.Kind == OperationKind.Delete ? (o.Status == OperationStatus.NotStarted ? 0 : 1) : o.Step.HasValue ? (int)o.Step.Value + 1 : 0,
        o.Kind == OperationKind.Delete ? 1 : ProvisioningSteps.All.Count,
        o.Attempt,
        o.ErrorCode == null ? null : new OperationError(o.ErrorCode, o.ErrorMessage ?? ""),
        o.CreatedAt, o.UpdatedAt);
}

using DataTricks.Domain.Infrastructure.Persistence;
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
            db.Operations.Where(o => o.Id == e.CurrentOperationId).Select(o => o.Step).FirstOrDefault(),
            db.Operations.Where(o => o.Id == e.CurrentOperationId).Select(o => (DateTimeOffset?)o.CreatedAt).FirstOrDefault()));

    /// <summary>An operation counts its step from when it starts, or a retried create from the step it resumes at.</summary>
    public static OperationView ToView(this Operation o, OperationKinds kinds)
    {
        var steps = kinds.StepsOf(o.Kind);
        return new OperationView(
            o.Id, o.Kind, o.Status, o.IsDone, o.ComputeEnvironmentId,
            o.Step?.ToString(),
            o.Step is { } step ? ProvisioningSteps.IndexOf(steps, step) + 1 : 0,
            steps.Count,
            o.Attempt,
            o.ErrorCode is null ? null : new OperationError(o.ErrorCode, o.ErrorMessage ?? ""),
            o.CreatedAt, o.UpdatedAt, o.CancelRequestedAt, o.IsDone ? null : o.DueAt);
    }
}

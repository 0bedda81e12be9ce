using DataTricks.Domain.ComputeEnvironments;

namespace DataTricks.Portal.Tests.Support;

public static class Snapshots
{
    /// <summary>The snapshot of what <paramref name="view"/> shows, for a test to change with <c>with</c> and publish.</summary>
    public static EnvironmentSnapshot Of(EnvironmentView view, Guid customerId) => new(
        customerId, view.Id, view.Name, view.Cloud, view.Region, view.NodeType, view.MinWorkers, view.MaxWorkers, view.Status, view.StatusMessage,
        view.CreatedAt, view.UpdatedAt, view.ReadyAt, view.OperationId, view.CurrentStep, 1, view.OperationStartedAt, view.Version);
}

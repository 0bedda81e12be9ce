using DataTricks.Domain.Provisioning;

namespace DataTricks.Domain.ComputeEnvironments;

/// <summary>
/// An environment as one save left it, whole: the one shape a change travels in, from the save into the outbox
/// (<see cref="Events.EnvironmentChange"/>), through the notifier, to an open page, which replaces what it shows when
/// <see cref="Version"/> is higher. <see cref="EnvironmentView"/> is this plus what the environment does not own (its
/// repo count), and the API's answer is a projection of that.
/// </summary>
/// <param name="CurrentStep">The step of the environment's current operation; it drives the portal's stepper.</param>
/// <param name="OperationStartedAt">When the current operation began: what "Deleting for 12s" counts from.</param>
/// <param name="Version">Bumped by every change; it orders the changes of one environment whatever the nodes' clocks say.</param>
public sealed record EnvironmentSnapshot(
    Guid CustomerId, Guid Id, string Name, CloudProvider Cloud, string Region, string NodeType, int MinWorkers, int MaxWorkers,
    ComputeEnvironmentStatus Status, string? StatusMessage, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? ReadyAt,
    Guid? OperationId, ProvisioningStep? CurrentStep, int Attempt, DateTimeOffset? OperationStartedAt, long Version)
{
    /// <summary>The environment in hand, with its current operation when the caller has it (null leaves that operation's progress out).</summary>
    public static EnvironmentSnapshot Of(ComputeEnvironment environment, Operation? current)
    {
        var operation = current?.Id == environment.CurrentOperationId ? current : null;
        return new EnvironmentSnapshot(
            environment.CustomerId, environment.Id, environment.Name, environment.Cloud, environment.Region, environment.NodeType,
            environment.MinWorkers, environment.MaxWorkers, environment.Status, environment.StatusMessage,
            environment.CreatedAt, environment.UpdatedAt, environment.ReadyAt,
            environment.CurrentOperationId, operation?.Step, operation?.Attempt ?? 0, operation?.CreatedAt, environment.Version);
    }
}

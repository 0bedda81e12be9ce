using DataTricks.Domain.ComputeEnvironments;

namespace DataTricks.Domain.Provisioning;

/// <summary>A compute environment changed (moved, renamed, resized): what open portal pages need to redraw its card.</summary>
public sealed record EnvironmentStatusChanged(
    Guid CustomerId,
    Guid EnvironmentId,
    string Name,
    int MinWorkers,
    int MaxWorkers,
    ComputeEnvironmentStatus Status,
    string? StatusMessage,
    Guid? OperationId,
    ProvisioningStep? Step,
    int Attempt,
    DateTimeOffset At,
    long Version)
{
    public static EnvironmentStatusChanged Of(ComputeEnvironment environment, Operation? operation, DateTimeOffset at) =>
        new(environment.CustomerId, environment.Id, environment.Name, environment.MinWorkers, environment.MaxWorkers, environment.Status, environment.StatusMessage,
            operation?.Id, operation?.Step, operation?.Attempt ?? 0, at, environment.Version);
}

using DataTricks.Domain.Provisioning;

namespace DataTricks.Domain.ComputeEnvironments;

public sealed record CreateEnvironmentRequest(string? Name, string? Cloud, string? Region, string? NodeType, int? MinWorkers, int? MaxWorkers);

/// <summary>A create's answer: the environment, and whether it was made by an earlier request with the same Idempotency-Key.</summary>
public sealed record CreatedEnvironment(EnvironmentView Environment, bool Replayed);

public sealed record UpdateEnvironmentRequest(string? Name, int? MinWorkers, int? MaxWorkers);

/// <summary>
/// An environment as clients see it; <see cref="Version"/> becomes the ETag, <see cref="CurrentStep"/> (the step of
/// its current operation) drives the portal's stepper, and <see cref="OperationStartedAt"/> (when that operation
/// began) is what "Deleting for 12s" counts from.
/// </summary>
public sealed record EnvironmentView(
    Guid Id, string Name, CloudProvider Cloud, string Region, string NodeType, int MinWorkers, int MaxWorkers,
    ComputeEnvironmentStatus Status, string? StatusMessage, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    DateTimeOffset? ReadyAt, Guid? OperationId, int RepoCount, long Version, ProvisioningStep? CurrentStep = null,
    DateTimeOffset? OperationStartedAt = null)
{
    /// <summary>This view with a change a page was told of applied; the caller has checked the change is newer.</summary>
    public EnvironmentView With(EnvironmentStatusChanged change) => this with
    {
        Name = change.Name,
        MinWorkers = change.MinWorkers,
        MaxWorkers = change.MaxWorkers,
        Status = change.Status,
        StatusMessage = change.StatusMessage,
        CurrentStep = change.Step ?? CurrentStep,
        OperationId = change.OperationId ?? OperationId,
        // A new operation (a delete, a retry) starts its clock when the change that began it was made.
        OperationStartedAt = change.OperationId is { } started && started != OperationId ? change.At : OperationStartedAt,
        UpdatedAt = change.At,
        Version = change.Version,
        ReadyAt = change.Status == ComputeEnvironmentStatus.Ready && Status != ComputeEnvironmentStatus.Ready ? change.At : ReadyAt,
    };
}

/// <summary>One step of an operation as it ran, for the timeline.</summary>
public sealed record StepRecordView(string Step, int Attempts, DateTimeOffset StartedAt, DateTimeOffset? EndedAt, string? Error);

public sealed record OperationTimeline(OperationView Operation, IReadOnlyList<StepRecordView> Steps);

/// <summary>Everything the environment page shows: the environment, the repos bound to it, its operations newest first.</summary>
public sealed record EnvironmentDetail(EnvironmentView Environment, IReadOnlyList<BoundRepo> Repos, IReadOnlyList<OperationTimeline> Operations);

public sealed record BoundRepo(Guid Id, string Name);

public sealed record OperationError(string Code, string Message);

/// <summary>
/// An operation as clients poll it. <see cref="StepIndex"/> counts from 1; 0 before the first step.
/// <see cref="CancelRequestedAt"/> is set once a cancel was asked for; <see cref="NextCheckAt"/> is when the engine next
/// looks at it (when the cloud expects the current step's work done, or a retry is due), null once done.
/// </summary>
public sealed record OperationView(
    Guid Id, OperationKind Kind, OperationStatus Status, bool Done, Guid EnvironmentId, string? Step, int StepIndex, int StepCount,
    int Attempt, OperationError? Error, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    DateTimeOffset? CancelRequestedAt = null, DateTimeOffset? NextCheckAt = null);

/// <summary>A cancel: the canceled create, and the delete that removes what it made.</summary>
public sealed record CancelResult(OperationView Canceled, Guid DeleteOperationId);

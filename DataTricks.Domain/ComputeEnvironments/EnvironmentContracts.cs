using DataTricks.Domain.Provisioning;

namespace DataTricks.Domain.ComputeEnvironments;

public sealed record CreateEnvironmentRequest(string? Name, string? Cloud, string? Region, string? NodeType, int? MinWorkers, int? MaxWorkers);

/// <summary>A create's answer: the environment, and whether it was made by an earlier request with the same Idempotency-Key.</summary>
public sealed record CreatedEnvironment(EnvironmentView Environment, bool Replayed);

public sealed record UpdateEnvironmentRequest(string? Name, int? MinWorkers, int? MaxWorkers);

/// <summary>
/// An environment as clients see it: its <see cref="EnvironmentSnapshot"/> and the number of repos bound to it, which
/// the environment does not own (binding a repo does not change its version). <see cref="Version"/> becomes the ETag.
/// </summary>
public sealed record EnvironmentView(
    Guid Id, string Name, CloudProvider Cloud, string Region, string NodeType, int MinWorkers, int MaxWorkers,
    ComputeEnvironmentStatus Status, string? StatusMessage, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    DateTimeOffset? ReadyAt, Guid? OperationId, int RepoCount, long Version, ProvisioningStep? CurrentStep = null,
    DateTimeOffset? OperationStartedAt = null)
{
    public static EnvironmentView From(EnvironmentSnapshot s, int repoCount) => new(
        s.Id, s.Name, s.Cloud, s.Region, s.NodeType, s.MinWorkers, s.MaxWorkers, s.Status, s.StatusMessage,
        s.CreatedAt, s.UpdatedAt, s.ReadyAt, s.OperationId, repoCount, s.Version, s.CurrentStep, s.OperationStartedAt);
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

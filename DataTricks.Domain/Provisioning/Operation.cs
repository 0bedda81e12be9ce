using DataTricks.Domain.Tenancy;

namespace DataTricks.Domain.Provisioning;

/// <summary>
/// The durable record of one create or delete of a compute environment: the source of truth the worker
/// resumes from. A worker owns it while <see cref="LeaseOwner"/> is set and <see cref="LeaseExpiresAt"/> is in the future.
/// </summary>
public sealed class Operation : ITenantOwned
{
    public const int ErrorMessageMaxLength = 1000;

    private Operation() { }

    public Guid Id { get; private set; }
    public Guid CustomerId { get; private set; }
    public Guid ComputeEnvironmentId { get; private set; }
    public OperationKind Kind { get; private set; }
    public OperationStatus Status { get; private set; }
    public ProvisioningStep? Step { get; private set; }
    public int Attempt { get; private set; }
    public string? ErrorCode { get; private set; }
    public string? ErrorMessage { get; private set; }
    public string? LeaseOwner { get; private set; }
    public DateTimeOffset? LeaseExpiresAt { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public DateTimeOffset? CompletedAt { get; private set; }

    public bool IsDone => Status is OperationStatus.Succeeded or OperationStatus.Failed or OperationStatus.Canceled;

    public static Operation Start(Guid customerId, Guid computeEnvironmentId, OperationKind kind, DateTimeOffset now, ProvisioningStep? resumeFrom = null) =>
        new()
        {
            Id = Guid.CreateVersion7(now),
            CustomerId = customerId,
            ComputeEnvironmentId = computeEnvironmentId,
            Kind = kind,
            Status = OperationStatus.NotStarted,
            Step = resumeFrom,
            CreatedAt = now,
            UpdatedAt = now,
        };
}

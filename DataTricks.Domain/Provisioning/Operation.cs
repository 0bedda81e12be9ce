using DataTricks.Domain.Tenancy;

namespace DataTricks.Domain.Provisioning;

/// <summary>
/// The durable record of one create or delete of a compute environment: the source of truth the worker
/// resumes from. A worker owns it while <see cref="LeaseOwner"/> is set and <see cref="LeaseExpiresAt"/> is in the
/// future; <see cref="LeaseOwner"/> is also the concurrency token, so a worker that lost its lease cannot write.
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
    public DateTimeOffset? CancelRequestedAt { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public DateTimeOffset? CompletedAt { get; private set; }

    public bool IsDone => Status is OperationStatus.Succeeded or OperationStatus.Failed or OperationStatus.Canceled;

    /// <summary>A create starts at <paramref name="resumeFrom"/> (a retry) or at the first step.</summary>
    public static Operation Queue(Guid customerId, Guid computeEnvironmentId, OperationKind kind, DateTimeOffset now, ProvisioningStep? resumeFrom = null) =>
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

    public void BeginStep(ProvisioningStep step, DateTimeOffset now)
    {
        Status = OperationStatus.Running;
        if (Step != step)
            Attempt = 0;
        Step = step;
        UpdatedAt = now;
    }

    public void RecordAttempt(int attempt, DateTimeOffset now)
    {
        Status = OperationStatus.Running;
        Attempt = attempt;
        UpdatedAt = now;
    }

    public void RequestCancel(DateTimeOffset now) => CancelRequestedAt ??= now;

    public void Succeed(DateTimeOffset now) => Finish(OperationStatus.Succeeded, null, null, now);

    public void Fail(string code, string message, DateTimeOffset now) =>
        Finish(OperationStatus.Failed, code, message.Length > ErrorMessageMaxLength ? message[..ErrorMessageMaxLength] : message, now);

    public void Cancel(DateTimeOffset now) => Finish(OperationStatus.Canceled, "Canceled", "Canceled at the user's request.", now);

    private void Finish(OperationStatus status, string? code, string? message, DateTimeOffset now)
    {
        if (IsDone)
            return;
        Status = status;
        ErrorCode = code;
        ErrorMessage = message;
        CompletedAt = now;
        UpdatedAt = now;
        LeaseOwner = null;
        LeaseExpiresAt = null;
    }
}

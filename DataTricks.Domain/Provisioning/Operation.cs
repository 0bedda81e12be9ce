using System.Linq.Expressions;
using DataTricks.Domain.Common;
using DataTricks.Domain.Tenancy;

namespace DataTricks.Domain.Provisioning;

/// <summary>
/// The durable record of one create, delete, resize or repair of a compute environment: the source of truth the worker
/// resumes from. Between steps it waits as a row: <see cref="DueAt"/> says when the worker should look at it next (the
/// time its cloud work should be done, or a retry's backoff). A worker owns it only while advancing it, while
/// <see cref="LeaseOwner"/> is set and <see cref="LeaseExpiresAt"/> is in the future; <see cref="LeaseOwner"/> is also the
/// concurrency token, so a worker that lost its lease cannot write.
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

    /// <summary>When the worker should next advance the operation.</summary>
    public DateTimeOffset DueAt { get; private set; }

    /// <summary>Set once the current step's cloud call was begun: from then on the worker checks it rather than begins it.</summary>
    public DateTimeOffset? CallBegunAt { get; private set; }

    /// <summary>The worker counts a resize sets; the environment keeps its old ones until the cloud is done.</summary>
    public int? TargetMinWorkers { get; private set; }

    public int? TargetMaxWorkers { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public DateTimeOffset? CompletedAt { get; private set; }

    public bool IsDone => Status is OperationStatus.Succeeded or OperationStatus.Failed or OperationStatus.Canceled;

    /// <summary>Not started or running (not <see cref="IsDone"/>), as an expression every query can use.</summary>
    public static readonly Expression<Func<Operation, bool>> Unfinished = o => o.Status == OperationStatus.NotStarted || o.Status == OperationStatus.Running;

    /// <summary>The statuses of <see cref="Unfinished"/>, for lookups an index answers one status at a time.</summary>
    public static readonly IReadOnlyList<OperationStatus> UnfinishedStatuses = [OperationStatus.NotStarted, OperationStatus.Running];

    /// <summary>The unfinished operations that build an environment's resources (a create or a repair): what its delete stops.</summary>
    public static IQueryable<Operation> UnfinishedBuildersOf(IQueryable<Operation> operations, Guid environmentId) =>
        operations.Where(Unfinished).Where(o => o.ComputeEnvironmentId == environmentId && (o.Kind == OperationKind.Create || o.Kind == OperationKind.Repair));

    /// <summary>An operation starts at <paramref name="resumeFrom"/> (a retried create) or, when it first runs, at its handler's first step.</summary>
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
            DueAt = now,
        };

    public static Operation QueueResize(Guid customerId, Guid computeEnvironmentId, int minWorkers, int maxWorkers, DateTimeOffset now)
    {
        var operation = Queue(customerId, computeEnvironmentId, OperationKind.Resize, now);
        operation.TargetMinWorkers = minWorkers;
        operation.TargetMaxWorkers = maxWorkers;
        return operation;
    }

    /// <summary>Moves on to <paramref name="step"/> (or starts it again after a crash), with its first attempt.</summary>
    public void BeginStep(ProvisioningStep step, DateTimeOffset now)
    {
        Status = OperationStatus.Running;
        if (Step != step || Attempt == 0)
        {
            Attempt = 1;
            CallBegunAt = null;
        }
        Step = step;
        UpdatedAt = now;
    }

    public void NoteCallBegun(DateTimeOffset now)
    {
        CallBegunAt = now;
        UpdatedAt = now;
    }

    /// <summary>The cloud works on the step until <paramref name="dueAt"/>; nobody needs to look before.</summary>
    public void WaitUntil(DateTimeOffset dueAt, DateTimeOffset now)
    {
        Status = OperationStatus.Running;
        DueAt = dueAt;
        UpdatedAt = now;
    }

    /// <summary>A transient fault: begin the step's call again, as <paramref name="attempt"/>, at <paramref name="dueAt"/>.</summary>
    public void RetryAt(int attempt, DateTimeOffset dueAt, DateTimeOffset now)
    {
        Attempt = attempt;
        CallBegunAt = null;
        WaitUntil(dueAt, now);
    }

    /// <summary>Hands the operation back after a step: the next worker to find it due takes it.</summary>
    public void ReleaseLease()
    {
        LeaseOwner = null;
        LeaseExpiresAt = null;
    }

    /// <summary>Asks a create to stop; it is looked at at once, so it stops without waiting for its cloud work.</summary>
    public void RequestCancel(DateTimeOffset now)
    {
        CancelRequestedAt ??= now;
        DueAt = now;
    }

    public void Succeed(DateTimeOffset now) => Finish(OperationStatus.Succeeded, null, null, now);

    public void Fail(string code, string message, DateTimeOffset now) =>
        Finish(OperationStatus.Failed, code, TextLimit.Cut(message, ErrorMessageMaxLength), now);

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

using DataTricks.Domain.Cloud;

namespace DataTricks.Domain.Provisioning;

/// <summary>
/// What one kind of operation does: the cloud call of each of its steps and what its outcome does to the environment.
/// The <see cref="OperationRunner"/> owns everything else (leases, waiting, retries, timeouts, cancellation, saving,
/// publishing), so a new kind is a new handler.
/// </summary>
public abstract class OperationHandler
{
    public abstract OperationKind Kind { get; }

    /// <summary>The steps it runs, in order.</summary>
    public abstract IReadOnlyList<ProvisioningStep> Steps { get; }

    /// <summary>The cloud call of <paramref name="step"/>, or null to skip the step.</summary>
    public abstract Task<CloudCall?> CallAsync(ProvisioningStep step, OperationContext context, CancellationToken cancellationToken);

    /// <summary>Before the first step: null to go ahead, or when to look again.</summary>
    public virtual Task<DateTimeOffset?> WaitBeforeStartAsync(OperationContext context, CancellationToken cancellationToken) =>
        Task.FromResult<DateTimeOffset?>(null);

    /// <summary>Whether the operation should stop: a create whose environment is being deleted.</summary>
    public virtual bool IsCanceled(OperationContext context) => false;

    public virtual void StepStarted(ProvisioningStep step, OperationContext context)
    {
    }

    /// <summary>A transient fault: <paramref name="attempt"/> of <paramref name="maxAttempts"/> comes after a pause.</summary>
    public virtual void Retrying(ProvisioningStep step, int attempt, int maxAttempts, string error, OperationContext context)
    {
    }

    public abstract void Succeeded(OperationContext context);

    public abstract void Failed(string message, OperationContext context);
}

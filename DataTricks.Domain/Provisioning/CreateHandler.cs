using DataTricks.Domain.Cloud;
using DataTricks.Domain.ComputeEnvironments;

namespace DataTricks.Domain.Provisioning;

/// <summary>Network, storage, cluster, then a check that the cluster answers: Ready means usable.</summary>
public class CreateHandler : OperationHandler
{
    public override OperationKind Kind => OperationKind.Create;

    public override IReadOnlyList<ProvisioningStep> Steps => ProvisioningSteps.Create;

    public override Task<CloudCall?> CallAsync(ProvisioningStep step, OperationContext context, CancellationToken cancellationToken) =>
        // Keys without the operation: a retry of a failed create finds what the first attempt made.
        Task.FromResult<CloudCall?>(new CloudCall(context.Environment.Id, CallKind(step), $"{context.Environment.Id:N}/{step}", context.Spec()));

    public override bool IsCanceled(OperationContext context) =>
        context.Operation.CancelRequestedAt is not null
        || context.Environment.Status is ComputeEnvironmentStatus.Deleting or ComputeEnvironmentStatus.Deleted;

    public override void StepStarted(ProvisioningStep step, OperationContext context) =>
        context.Environment.MarkProvisioning(ProvisioningSteps.Describe(step), context.Now);

    public override void Retrying(ProvisioningStep step, int attempt, int maxAttempts, string error, OperationContext context)
    {
        if (context.Environment.Status == ComputeEnvironmentStatus.Provisioning)
            context.Environment.MarkProvisioning($"{ProvisioningSteps.Describe(step)}: attempt {attempt} of {maxAttempts} after \"{error}\"", context.Now);
    }

    public override void Succeeded(OperationContext context) => context.Environment.MarkReady(context.Now);

    public override void Failed(string message, OperationContext context)
    {
        if (context.Environment.Status == ComputeEnvironmentStatus.Provisioning)
            context.Environment.MarkFailed(message, context.Now);
    }

    protected static CloudCallKind CallKind(ProvisioningStep step) => step switch
    {
        ProvisioningStep.CreateNetwork => CloudCallKind.CreateNetwork,
        ProvisioningStep.CreateStorage => CloudCallKind.CreateStorage,
        ProvisioningStep.CreateCluster => CloudCallKind.CreateCluster,
        _ => CloudCallKind.VerifyCluster,
    };
}

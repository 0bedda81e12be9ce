using DataTricks.Domain.Cloud;

namespace DataTricks.Domain.Provisioning;

/// <summary>Changes the cluster's worker counts; a failed resize leaves the environment Ready at its old size.</summary>
public sealed class ResizeHandler : OperationHandler
{
    public override OperationKind Kind => OperationKind.Resize;

    public override IReadOnlyList<ProvisioningStep> Steps { get; } = [ProvisioningStep.Resize];

    public override Task<CloudCall?> CallAsync(ProvisioningStep step, OperationContext context, CancellationToken cancellationToken) =>
        Task.FromResult<CloudCall?>(new CloudCall(context.Environment.Id, CloudCallKind.ResizeCluster, context.OperationKey(step),
            context.Spec(context.Operation.TargetMinWorkers, context.Operation.TargetMaxWorkers)));

    public override void Succeeded(OperationContext context) =>
        context.Environment.EndResize(context.Operation.TargetMinWorkers!.Value, context.Operation.TargetMaxWorkers!.Value, null, context.Now);

    public override void Failed(string message, OperationContext context) =>
        context.Environment.EndResize(context.Environment.MinWorkers, context.Environment.MaxWorkers, message, context.Now);
}

using DataTricks.Domain.Cloud;

namespace DataTricks.Domain.Provisioning;

/// <summary>A create's steps for a Degraded environment, making only what the cloud no longer has, then verifying.</summary>
public sealed class RepairHandler(ICloud cloud) : CreateHandler
{
    public override OperationKind Kind => OperationKind.Repair;

    public override async Task<CloudCall?> CallAsync(ProvisioningStep step, OperationContext context, CancellationToken cancellationToken)
    {
        var call = new CloudCall(context.Environment.Id, CallKind(step), context.OperationKey(step), context.Spec());
        if (call.Makes is { } kind && context.Operation.CallBegunAt is null
            && (await cloud.LiveResourcesAsync(context.Environment.Id, cancellationToken)).Contains(kind))
            return null;
        return call;
    }
}

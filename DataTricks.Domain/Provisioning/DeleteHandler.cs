using DataTricks.Domain.Cloud;
using Microsoft.EntityFrameworkCore;

namespace DataTricks.Domain.Provisioning;

/// <summary>Removes every cloud resource of the environment, once nothing can make new ones behind its back.</summary>
public sealed class DeleteHandler : OperationHandler
{
    private static readonly TimeSpan WaitForRunningCreates = TimeSpan.FromSeconds(1);

    public override OperationKind Kind => OperationKind.Delete;

    public override IReadOnlyList<ProvisioningStep> Steps { get; } = [ProvisioningStep.Delete];

    /// <summary>
    /// Cancels the environment's creates and repairs that nobody is advancing (waiting on the cloud, never started,
    /// or left by a crashed worker); one a worker is advancing right now is waited for, briefly.
    /// </summary>
    public override async Task<DateTimeOffset?> WaitBeforeStartAsync(OperationContext context, CancellationToken cancellationToken)
    {
        var now = context.Now;
        var makers = Operation.UnfinishedBuildersOf(context.Db.Operations, context.Environment.Id);
        await makers.Where(o => o.LeaseOwner == null || o.LeaseExpiresAt < now)
            .ExecuteUpdateAsync(set => set
                .SetProperty(o => o.Status, OperationStatus.Canceled)
                .SetProperty(o => o.ErrorCode, "Canceled")
                .SetProperty(o => o.ErrorMessage, "Canceled by a delete of the environment.")
                .SetProperty(o => o.CompletedAt, now)
                .SetProperty(o => o.UpdatedAt, now), cancellationToken);
        return await makers.AnyAsync(cancellationToken) ? now + WaitForRunningCreates : null;
    }

    public override Task<CloudCall?> CallAsync(ProvisioningStep step, OperationContext context, CancellationToken cancellationToken) =>
        Task.FromResult<CloudCall?>(new CloudCall(context.Environment.Id, CloudCallKind.DeleteResources, context.OperationKey(step), context.Spec()));

    public override void Succeeded(OperationContext context) => context.Environment.MarkDeleted(context.Now);

    public override void Failed(string message, OperationContext context) =>
        context.Environment.NoteProblem($"Deleting failed: {message} Delete again to retry.", context.Now);
}

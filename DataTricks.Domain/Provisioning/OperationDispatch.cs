using DataTricks.Domain.ComputeEnvironments;

namespace DataTricks.Domain.Provisioning;

/// <summary>What a request does once its operation is stored: hand it to the worker and tell open pages.</summary>
public sealed class OperationDispatch(OperationQueue queue, EnvironmentStatusNotifier notifier, OperationCancellations cancellations, TimeProvider time)
{
    public void Started(ComputeEnvironment environment, Operation operation)
    {
        queue.Enqueue(operation.Id);
        notifier.Publish(EnvironmentStatusChanged.Of(environment, operation, time.GetUtcNow()));
    }

    /// <summary>Stops creates running in this process at once; others stop at their next lease renewal.</summary>
    public void StopCreates(IEnumerable<Guid> createOperationIds)
    {
        foreach (var id in createOperationIds)
            cancellations.Cancel(id);
    }
}

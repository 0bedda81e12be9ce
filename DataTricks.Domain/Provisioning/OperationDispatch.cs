using DataTricks.Domain.ComputeEnvironments;

namespace DataTricks.Domain.Provisioning;

/// <summary>What a request does once its change is stored: wake the worker for a new operation, and tell open pages.</summary>
public sealed class OperationDispatch(WorkerWakeup wakeup, EnvironmentStatusNotifier notifier, TimeProvider time)
{
    public void Started(ComputeEnvironment environment, Operation operation)
    {
        wakeup.Wake(operation.Id);
        Changed(environment, operation);
    }

    /// <summary>A change without new work, such as a rename: open cards redraw.</summary>
    public void Changed(ComputeEnvironment environment, Operation? operation = null) =>
        notifier.Publish(EnvironmentStatusChanged.Of(environment, operation, time.GetUtcNow()));
}

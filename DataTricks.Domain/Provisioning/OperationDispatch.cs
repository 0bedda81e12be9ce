using DataTricks.Domain.ComputeEnvironments;

namespace DataTricks.Domain.Provisioning;

/// <summary>What a request does once its change is stored: wake the worker for a new operation, and tell open pages.</summary>
public sealed class OperationDispatch(WorkerWakeup wakeup, EnvironmentChangeNotifier notifier)
{
    /// <summary>Wakes the worker for <paramref name="operation"/> and tells open pages; returns the snapshot they were told.</summary>
    public EnvironmentSnapshot Started(ComputeEnvironment environment, Operation operation)
    {
        wakeup.Wake();
        return Changed(environment, operation);
    }

    /// <summary>A change without new work, such as a rename: open pages take the new snapshot.</summary>
    public EnvironmentSnapshot Changed(ComputeEnvironment environment, Operation? current)
    {
        var snapshot = EnvironmentSnapshot.Of(environment, current);
        notifier.Publish(snapshot);
        return snapshot;
    }
}

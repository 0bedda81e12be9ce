namespace DataTricks.Domain.ComputeEnvironments;

public enum ComputeEnvironmentStatus
{
    Pending,
    Provisioning,
    Ready,
    Failed,
    Deleting,
    Deleted,

    /// <summary>A resize is changing the cluster's worker counts; the environment stays usable.</summary>
    Resizing,

    /// <summary>The reconcile found one of its cloud resources missing; a repair recreates it.</summary>
    Degraded,
}

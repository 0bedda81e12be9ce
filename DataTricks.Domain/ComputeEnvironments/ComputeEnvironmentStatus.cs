namespace DataTricks.Domain.ComputeEnvironments;

public enum ComputeEnvironmentStatus
{
    Pending,
    Provisioning,
    Ready,
    Failed,
    Deleting,
    Deleted,
}

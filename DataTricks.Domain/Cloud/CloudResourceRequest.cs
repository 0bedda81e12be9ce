using DataTricks.Domain.ComputeEnvironments;

namespace DataTricks.Domain.Cloud;

public enum CloudResourceKind
{
    Network,
    Storage,
    Cluster,
}

public sealed record CloudResourceRequest(
    Guid EnvironmentId, CloudResourceKind Kind, string IdempotencyKey,
    CloudProvider Cloud, string Region, string NodeType, int MinWorkers, int MaxWorkers);

using DataTricks.Domain.ComputeEnvironments;

namespace DataTricks.Domain.Cloud;

public enum CloudResourceKind
{
    Network,
    Storage,
    Cluster,
}

public enum CloudCallKind
{
    CreateNetwork,
    CreateStorage,
    CreateCluster,
    VerifyCluster,
    ResizeCluster,
    DeleteResources,
}

/// <summary>The size and place of the cluster a call makes or changes.</summary>
public sealed record CloudSpec(CloudProvider Cloud, string Region, string NodeType, int MinWorkers, int MaxWorkers);

/// <summary>One call to the cloud about one environment.</summary>
public sealed record CloudCall(Guid EnvironmentId, CloudCallKind Kind, string IdempotencyKey, CloudSpec Spec)
{
    /// <summary>The call's name in the cloud's ledger and fault injection: "create Network", "verify cluster", …</summary>
    public string Name => NameOf(Kind);

    public static string NameOf(CloudCallKind kind) => kind switch
    {
        CloudCallKind.CreateNetwork => "create Network",
        CloudCallKind.CreateStorage => "create Storage",
        CloudCallKind.CreateCluster => "create Cluster",
        CloudCallKind.VerifyCluster => "verify cluster",
        CloudCallKind.ResizeCluster => "resize cluster",
        _ => "delete resources",
    };

    /// <summary>The resource the call makes, if it makes one.</summary>
    public CloudResourceKind? Makes => Kind switch
    {
        CloudCallKind.CreateNetwork => CloudResourceKind.Network,
        CloudCallKind.CreateStorage => CloudResourceKind.Storage,
        CloudCallKind.CreateCluster => CloudResourceKind.Cluster,
        _ => null,
    };
}

/// <summary>Where begun work stands: done, due to be done at <see cref="ReadyAt"/>, or unknown to the cloud.</summary>
public sealed record CloudProgress(bool Done, DateTimeOffset? ReadyAt, bool Known = true)
{
    public static readonly CloudProgress Finished = new(true, null);
    public static readonly CloudProgress Unknown = new(false, null, Known: false);

    public static CloudProgress Until(DateTimeOffset readyAt) => new(false, readyAt);
}

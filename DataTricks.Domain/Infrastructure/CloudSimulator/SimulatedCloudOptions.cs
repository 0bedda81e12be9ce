namespace DataTricks.Domain.Infrastructure.CloudSimulator;

/// <summary>The <c>SimulatedCloud</c> configuration section.</summary>
public sealed class SimulatedCloudOptions
{
    public const string SectionName = "SimulatedCloud";

    /// <summary>
    /// The simulated cloud's service (<c>--simulated-cloud</c>), which every node of a cluster calls; empty, a node runs
    /// the cloud itself on <see cref="ConnectionString"/>, which suits one node. The other settings here are the
    /// service's then, not the node's.
    /// </summary>
    public Uri? Url { get; set; }

    /// <summary>The store of the cloud a node or the service runs.</summary>
    public string ConnectionString { get; set; } = "Data Source=simcloud.db";

    /// <summary>How long a node waits for the cloud's service to answer a call.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long each cloud call takes.</summary>
    public TimeSpan StepDelay { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>0..1: the share of calls that fail with a transient fault.</summary>
    public double TransientFailureRate { get; set; }

    /// <summary>0..1: the share of resource creations that fail for good.</summary>
    public double PermanentFailureRate { get; set; }
}

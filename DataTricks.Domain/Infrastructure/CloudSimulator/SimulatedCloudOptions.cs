namespace DataTricks.Domain.Infrastructure.CloudSimulator;

/// <summary>The <c>SimulatedCloud</c> configuration section.</summary>
public sealed class SimulatedCloudOptions
{
    public const string SectionName = "SimulatedCloud";

    public string ConnectionString { get; set; } = "Data Source=simcloud.db";

    /// <summary>How long each cloud call takes.</summary>
    public TimeSpan StepDelay { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>0..1: the share of calls that fail with a transient fault.</summary>
    public double TransientFailureRate { get; set; }

    /// <summary>0..1: the share of resource creations that fail for good.</summary>
    public double PermanentFailureRate { get; set; }
}

namespace DataTricks.Domain.Provisioning;

/// <summary>The <c>Provisioning</c> configuration section.</summary>
public sealed class ProvisioningOptions
{
    public const string SectionName = "Provisioning";

    /// <summary>Attempts per step, the first included, before a transient fault fails the operation.</summary>
    public int MaxAttemptsPerStep { get; set; } = 5;

    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How long a worker owns an operation without renewing; a crashed worker's operations resume after it.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the worker looks for operations nobody is running (after a crash or in another process).</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The first retry delay; later ones grow exponentially, with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Operations one process advances at once (a database write and a cloud call each). Operations waiting on the
    /// cloud are not counted: they are rows with a due time, however many there are.
    /// </summary>
    public int MaxConcurrentOperations { get; set; } = 64;

    /// <summary>False for a node that serves pages and the API only, leaving operations to the other nodes.</summary>
    public bool WorkerEnabled { get; set; } = true;

    /// <summary>How often the Ready environments' cloud resources are checked for drift.</summary>
    public TimeSpan ReconcileInterval { get; set; } = TimeSpan.FromMinutes(5);
}

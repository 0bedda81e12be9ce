namespace DataTricks.Domain.ComputeEnvironments;

/// <summary>The status transitions of an environment; anything not listed here is a bug.</summary>
public static class ComputeEnvironmentLifecycle
{
    private static readonly HashSet<(ComputeEnvironmentStatus From, ComputeEnvironmentStatus To)> Allowed =
    [
        (ComputeEnvironmentStatus.Pending, ComputeEnvironmentStatus.Provisioning),
        (ComputeEnvironmentStatus.Provisioning, ComputeEnvironmentStatus.Ready),
        (ComputeEnvironmentStatus.Provisioning, ComputeEnvironmentStatus.Failed),
        (ComputeEnvironmentStatus.Failed, ComputeEnvironmentStatus.Provisioning),
        (ComputeEnvironmentStatus.Pending, ComputeEnvironmentStatus.Deleting),
        (ComputeEnvironmentStatus.Provisioning, ComputeEnvironmentStatus.Deleting),
        (ComputeEnvironmentStatus.Ready, ComputeEnvironmentStatus.Deleting),
        (ComputeEnvironmentStatus.Failed, ComputeEnvironmentStatus.Deleting),
        (ComputeEnvironmentStatus.Deleting, ComputeEnvironmentStatus.Deleted),
        (ComputeEnvironmentStatus.Ready, ComputeEnvironmentStatus.Resizing),
        (ComputeEnvironmentStatus.Resizing, ComputeEnvironmentStatus.Ready),
        (ComputeEnvironmentStatus.Ready, ComputeEnvironmentStatus.Degraded),
        (ComputeEnvironmentStatus.Degraded, ComputeEnvironmentStatus.Provisioning),
        (ComputeEnvironmentStatus.Degraded, ComputeEnvironmentStatus.Deleting),
    ];

    /// <summary>The statuses the dashboard lists: on their way somewhere, or (Degraded) waiting for a repair.</summary>
    public static readonly ComputeEnvironmentStatus[] NeedsWatching =
    [
        ComputeEnvironmentStatus.Pending, ComputeEnvironmentStatus.Provisioning, ComputeEnvironmentStatus.Resizing,
        ComputeEnvironmentStatus.Degraded, ComputeEnvironmentStatus.Deleting,
    ];

    public static bool CanTransition(ComputeEnvironmentStatus from, ComputeEnvironmentStatus to) => Allowed.Contains((from, to));

    /// <summary>Repos may bind to an environment that is on its way to Ready or there.</summary>
    public static bool IsBindable(ComputeEnvironmentStatus status) =>
        status is ComputeEnvironmentStatus.Pending or ComputeEnvironmentStatus.Provisioning or ComputeEnvironmentStatus.Ready;
}

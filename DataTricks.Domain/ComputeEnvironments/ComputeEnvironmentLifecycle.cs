using static DataTricks.Domain.ComputeEnvironments.EnvironmentAction;

namespace DataTricks.Domain.ComputeEnvironments;

/// <summary>
/// The status transitions of an environment (anything not listed here is a bug), and the actions each status allows:
/// the one place the services, the API and the pages ask.
/// </summary>
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

    private static readonly Dictionary<ComputeEnvironmentStatus, EnvironmentAction[]> ActionsByStatus = new()
    {
        [ComputeEnvironmentStatus.Pending] = [Rename, Cancel],
        [ComputeEnvironmentStatus.Provisioning] = [Rename, Cancel],
        [ComputeEnvironmentStatus.Ready] = [Rename, Resize, Delete],
        [ComputeEnvironmentStatus.Failed] = [Rename, Retry, Delete],
        [ComputeEnvironmentStatus.Degraded] = [Rename, Repair, Delete],
        [ComputeEnvironmentStatus.Resizing] = [Rename],
        // A delete that failed is asked for again; one still running answers as the same delete.
        [ComputeEnvironmentStatus.Deleting] = [Delete],
        [ComputeEnvironmentStatus.Deleted] = [],
    };

    public static bool CanTransition(ComputeEnvironmentStatus from, ComputeEnvironmentStatus to) => Allowed.Contains((from, to));

    public static bool Allows(ComputeEnvironmentStatus status, EnvironmentAction action) => ActionsByStatus[status].Contains(action);

    /// <summary>How an environment in <paramref name="status"/> is removed: its create canceled, deleted, or (null) not now.</summary>
    public static EnvironmentAction? Removal(ComputeEnvironmentStatus status) =>
        Allows(status, Cancel) ? Cancel : Allows(status, Delete) ? Delete : null;

    /// <summary>Why <paramref name="action"/> is refused in <paramref name="status"/>, or null when it is allowed.</summary>
    public static string? Refusal(ComputeEnvironmentStatus status, EnvironmentAction action)
    {
        if (Allows(status, action))
            return null;
        if (status == ComputeEnvironmentStatus.Deleting)
            return "The environment is being deleted.";
        if (status == ComputeEnvironmentStatus.Resizing)
            return $"The environment is being resized; {action.Verb} it once the resize has ended.";
        var allowing = ActionsByStatus.Where(s => s.Value.Contains(action)).Select(s => s.Key.ToString());
        return $"Only a {string.Join(" or ", allowing)} environment can be {action.Done}; this one is {status}.";
    }

    /// <summary>On its way somewhere: what is shown changes by itself (an ETA, a progress bar) until it arrives.</summary>
    public static bool IsUnderway(ComputeEnvironmentStatus status) =>
        status is ComputeEnvironmentStatus.Pending or ComputeEnvironmentStatus.Provisioning
            or ComputeEnvironmentStatus.Resizing or ComputeEnvironmentStatus.Deleting;

    /// <summary>Repos may bind to an environment that is on its way to Ready or there.</summary>
    public static bool IsBindable(ComputeEnvironmentStatus status) =>
        status is ComputeEnvironmentStatus.Pending or ComputeEnvironmentStatus.Provisioning or ComputeEnvironmentStatus.Ready;
}

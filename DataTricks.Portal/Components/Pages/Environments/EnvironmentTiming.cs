using DataTricks.Domain.ComputeEnvironments;
using DataTricks.Domain.Provisioning;
using DataTricks.Portal.Components.Shared;

namespace DataTricks.Portal.Components.Pages.Environments;

/// <summary>
/// The time line of a card or row: how long the environment's current operation has run (a delete counts from the
/// delete, not from the creation), since when it is ready, and how long a provisioning has left, from history.
/// </summary>
public static class EnvironmentTiming
{
    public static string Describe(EnvironmentView view, DateTimeOffset now, ViewerClock clock)
    {
        var started = view.OperationStartedAt ?? view.CreatedAt;
        return view.Status switch
        {
            ComputeEnvironmentStatus.Ready => $"Ready since {clock.FormatWithZone(view.ReadyAt ?? view.UpdatedAt)}",
            ComputeEnvironmentStatus.Degraded => $"Degraded since {clock.FormatWithZone(view.UpdatedAt)}",
            ComputeEnvironmentStatus.Failed => $"Failed after {Durations.Format(view.UpdatedAt - started)}",
            ComputeEnvironmentStatus.Deleted => $"Deleted {clock.FormatWithZone(view.UpdatedAt)}",
            _ => $"{view.Status} for {Durations.Format(now - started)}",
        };
    }

    /// <summary>
    /// "About 3m 10s left" while a provisioning runs and its customer has provisioned before; null otherwise. The current
    /// step is taken to have started at the environment's last change.
    /// </summary>
    public static string? Eta(EnvironmentView view, DateTimeOffset now, ProvisioningEstimate estimate)
    {
        if (view.Status is not (ComputeEnvironmentStatus.Pending or ComputeEnvironmentStatus.Provisioning))
            return null;
        var current = view.Status == ComputeEnvironmentStatus.Provisioning ? view.CurrentStep : null;
        return estimate.Remaining(current, now - view.UpdatedAt) switch
        {
            null => null,
            { TotalSeconds: < 1 } => "Almost done",
            { } left => $"About {Durations.Format(left)} left",
        };
    }
}

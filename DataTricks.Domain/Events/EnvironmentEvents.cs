using DataTricks.Domain.ComputeEnvironments;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace DataTricks.Domain.Events;

/// <summary>
/// Which event, if any, a save of an environment is: created when it is added, deleted when its status becomes
/// Deleted, updated when its status, name or size changed. Progress within a status (the current step, a retry's
/// message) is for the portal's live card, not for a customer's automation.
/// </summary>
internal static class EnvironmentEvents
{
    private static readonly string[] Reported =
        [nameof(ComputeEnvironment.Status), nameof(ComputeEnvironment.Name), nameof(ComputeEnvironment.MinWorkers), nameof(ComputeEnvironment.MaxWorkers)];

    public static string? TypeOf(EntityEntry<ComputeEnvironment> entry) => entry.State switch
    {
        EntityState.Added => EventTypes.EnvironmentCreated,
        EntityState.Modified when entry.Property(e => e.Status).IsModified && entry.Entity.Status == ComputeEnvironmentStatus.Deleted => EventTypes.EnvironmentDeleted,
        EntityState.Modified when Reported.Any(name => entry.Property(name).IsModified) => EventTypes.EnvironmentUpdated,
        _ => null,
    };
}

using DataTricks.Domain.Cloud;
using DataTricks.Domain.ComputeEnvironments;
using DataTricks.Domain.Infrastructure.Persistence;
using DataTricks.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace DataTricks.Domain.Provisioning;

/// <summary>
/// Finds drift: a Ready environment whose network, storage or cluster vanished from the cloud (deleted by hand, lost by
/// the provider) becomes Degraded, with a message naming what is missing, and the change is published. Environments
/// the engine never provisioned (the seeded demo ones) have no resources to check.
/// </summary>
public sealed class EnvironmentReconciler(TenantDbContextFactory contexts, ICloud cloud, EnvironmentChangeNotifier notifier, TimeProvider time)
{
    private const int PageSize = 200;
    private static readonly CloudResourceKind[] Expected = [CloudResourceKind.Network, CloudResourceKind.Storage, CloudResourceKind.Cluster];

    /// <summary>Checks every Ready environment once, a page at a time; returns how many turned Degraded.</summary>
    public async Task<int> ReconcileAsync(CancellationToken cancellationToken)
    {
        var degraded = 0;
        Guid? after = null;
        while (true)
        {
            var (db, _) = contexts.Create(TenantScope.System);
            await using (db)
            {
                var page = await db.ComputeEnvironments
                    .Where(e => e.Status == ComputeEnvironmentStatus.Ready && e.CurrentOperationId != null && (after == null || e.Id.CompareTo(after.Value) > 0))
                    .OrderBy(e => e.Id).Take(PageSize).ToListAsync(cancellationToken);
                if (page.Count == 0)
                    return degraded;
                foreach (var environment in page)
                {
                    var missing = Expected.Except(await cloud.LiveResourcesAsync(environment.Id, cancellationToken)).ToList();
                    if (missing.Count > 0)
                    {
                        environment.MarkDegraded($"The {string.Join(" and ", missing.Select(k => k.ToString().ToLowerInvariant()))} {(missing.Count == 1 ? "is" : "are")}", time.GetUtcNow());
                        degraded++;
                    }
                }
                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                }
                catch (DbUpdateConcurrencyException)
                {
                    // One of the page changed meanwhile (a delete, a resize): the next round looks again.
                }
                foreach (var environment in page.Where(e => e.Status == ComputeEnvironmentStatus.Degraded))
                    notifier.Publish(EnvironmentSnapshot.Of(environment, null));
                after = page[^1].Id;
            }
        }
    }
}

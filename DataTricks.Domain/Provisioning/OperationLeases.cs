using DataTricks.Domain.Persistence;
using DataTricks.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DataTricks.Domain.Provisioning;

/// <summary>
/// Claims and renews operation leases with single conditional UPDATEs, which the database serializes: of two
/// workers racing for one operation, in one process or two, exactly one sees its update applied.
/// </summary>
public sealed class OperationLeases(IServiceScopeFactory scopes, IOptions<ProvisioningOptions> options, TimeProvider time)
{
    public Task<bool> TryClaimAsync(Guid operationId, string owner, CancellationToken cancellationToken) =>
        InSystemScopeAsync(async db =>
        {
            var now = time.GetUtcNow();
            var claimed = await db.Operations
                .Where(o => o.Id == operationId
                    && (o.Status == OperationStatus.NotStarted || o.Status == OperationStatus.Running)
                    && (o.LeaseOwner == null || o.LeaseExpiresAt < now))
                .ExecuteUpdateAsync(set => set
                    .SetProperty(o => o.LeaseOwner, owner)
                    .SetProperty(o => o.LeaseExpiresAt, now + options.Value.LeaseDuration), cancellationToken);
            return claimed == 1;
        });

    /// <summary>
    /// Extends the leases <paramref name="owner"/> holds on <paramref name="operationIds"/> in one statement, however many
    /// there are, and reports which are still its own and which of those a user asked to cancel.
    /// </summary>
    public Task<(HashSet<Guid> Owned, HashSet<Guid> CancelRequested)> RenewAsync(string owner, IReadOnlyCollection<Guid> operationIds, CancellationToken cancellationToken) =>
        InSystemScopeAsync(async db =>
        {
            var owned = new HashSet<Guid>();
            var cancelRequested = new HashSet<Guid>();
            foreach (var chunk in operationIds.Chunk(500))
            {
                await db.Operations
                    .Where(o => o.LeaseOwner == owner && chunk.Contains(o.Id))
                    .ExecuteUpdateAsync(set => set.SetProperty(o => o.LeaseExpiresAt, time.GetUtcNow() + options.Value.LeaseDuration), cancellationToken);
                var rows = await db.Operations
                    .Where(o => o.LeaseOwner == owner && chunk.Contains(o.Id))
                    .Select(o => new { o.Id, Cancel = o.CancelRequestedAt != null })
                    .ToListAsync(cancellationToken);
                owned.UnionWith(rows.Select(r => r.Id));
                cancelRequested.UnionWith(rows.Where(r => r.Cancel).Select(r => r.Id));
            }
            return (owned, cancelRequested);
        });

    /// <summary>Ids of unfinished operations that no live worker holds: new ones, and those of crashed or stopped workers.</summary>
    public Task<List<Guid>> FindUnownedAsync(int max, CancellationToken cancellationToken) =>
        InSystemScopeAsync(db =>
        {
            var now = time.GetUtcNow();
            return db.Operations
                .Where(o => (o.Status == OperationStatus.NotStarted || o.Status == OperationStatus.Running)
                    && (o.LeaseOwner == null || o.LeaseExpiresAt < now))
                .OrderBy(o => o.CreatedAt)
                .Select(o => o.Id)
                .Take(max)
                .ToListAsync(cancellationToken);
        });

    // Each call has a scope (and a context) of its own: renewal runs beside the operation's own unit of work.
    private async Task<T> InSystemScopeAsync<T>(Func<DataTricksDbContext, Task<T>> work)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(TenantScope.System);
        return await work(scope.ServiceProvider.GetRequiredService<DataTricksDbContext>());
    }
}

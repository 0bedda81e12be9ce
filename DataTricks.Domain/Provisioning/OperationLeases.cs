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

    /// <summary>Extends the lease; null when it is no longer ours, else whether a cancel has been requested.</summary>
    public Task<bool?> RenewAsync(Guid operationId, string owner, CancellationToken cancellationToken) =>
        InSystemScopeAsync<bool?>(async db =>
        {
            var renewed = await db.Operations
                .Where(o => o.Id == operationId && o.LeaseOwner == owner)
                .ExecuteUpdateAsync(set => set.SetProperty(o => o.LeaseExpiresAt, time.GetUtcNow() + options.Value.LeaseDuration), cancellationToken);
            if (renewed == 0)
                return null;
            return await db.Operations.Where(o => o.Id == operationId).Select(o => o.CancelRequestedAt != null).FirstAsync(cancellationToken);
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

using DataTricks.Domain.Infrastructure.Persistence;
using DataTricks.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace DataTricks.Domain.Events;

/// <summary>Drops events older than <see cref="CustomerEvent.Retention"/>, with their deliveries and attempts.</summary>
public sealed class EventRetention(TenantDbContextFactory contexts, TimeProvider time)
{
    public async Task<int> RemoveExpiredAsync(CancellationToken cancellationToken)
    {
        var (db, _) = contexts.Create(TenantScope.System);
        await using var _ = db;
        var cutoff = time.GetUtcNow() - CustomerEvent.Retention;
        // The schema cascades to their deliveries and attempts.
        return await db.CustomerEvents.Where(e => e.OccurredAt < cutoff && e.DispatchedAt != null).ExecuteDeleteAsync(cancellationToken);
    }
}

using DataTricks.Domain.Infrastructure.Persistence;
using DataTricks.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace DataTricks.Domain.ComputeEnvironments;

/// <summary>Forgets Idempotency-Keys older than <see cref="IdempotencyRecord.Lifetime"/>, for every customer.</summary>
public sealed class IdempotencyRecords(TenantDbContextFactory contexts, TimeProvider time)
{
    public async Task<int> RemoveExpiredAsync(CancellationToken cancellationToken)
    {
        var (db, _) = contexts.Create(TenantScope.System);
        await using (db)
        {
            var cutoff = time.GetUtcNow() - IdempotencyRecord.Lifetime;
            return await db.IdempotencyRecords.Where(r => r.CreatedAt <= cutoff).ExecuteDeleteAsync(cancellationToken);
        }
    }
}

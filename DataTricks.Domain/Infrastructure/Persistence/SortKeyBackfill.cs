using Microsoft.EntityFrameworkCore;

namespace DataTricks.Domain.Infrastructure.Persistence;

/// <summary>
/// Gives rows written before the sort-key columns existed their key. The key is computed in C# (no provider sorts
/// digits naturally), so the migration adds the columns empty and start-up fills them; a row only ever has an empty
/// key once, so after the first start this reads nothing.
/// </summary>
internal static class SortKeyBackfill
{
    public static async Task RunAsync(DataTricksDbContext db, CancellationToken cancellationToken)
    {
        foreach (var customer in await db.Customers.IgnoreQueryFilters().Where(c => c.SortKey == "").ToListAsync(cancellationToken))
            customer.RefreshSortKey();
        foreach (var environment in await db.ComputeEnvironments.IgnoreQueryFilters().Where(e => e.SortKey == "").ToListAsync(cancellationToken))
            environment.RefreshSortKey();
        foreach (var repo in await db.Repos.IgnoreQueryFilters().Where(r => r.SortKey == "").ToListAsync(cancellationToken))
            repo.RefreshSortKey();
        foreach (var user in await db.Users.IgnoreQueryFilters().Where(u => u.SortKey == "").ToListAsync(cancellationToken))
            user.DisplayName = user.DisplayName;
        await db.SaveChangesAsync(cancellationToken);
    }
}

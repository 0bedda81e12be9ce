using DataTricks.Domain.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DataTricks.Domain.Groups;

/// <summary>
/// Moves a group's version for a change of what it holds (a member, a repo shared with it) without reading the group:
/// in the database, in the change's transaction, so concurrent additions to one group never collide with each
/// other, while a rename that read an older version still does.
/// </summary>
internal static class GroupVersions
{
    public static async Task SaveWithGroupMovedAsync(this DataTricksDbContext db, Guid groupId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await db.Groups.Where(g => g.Id == groupId)
            .ExecuteUpdateAsync(set => set.SetProperty(g => g.Version, g => g.Version + 1).SetProperty(g => g.UpdatedAt, now), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}

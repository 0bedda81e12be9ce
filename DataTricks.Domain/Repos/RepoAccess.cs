using DataTricks.Domain.Infrastructure.Persistence;

namespace DataTricks.Domain.Repos;

/// <summary>A user's access to a repo.</summary>
public sealed class RepoUser
{
    public Guid RepoId { get; init; }
    public Guid UserId { get; init; }
}

/// <summary>
/// The one definition of who may use a repo: its direct members, and the members of every group it is shared with.
/// Every count and list of a repo's people reads it, so none can disagree.
/// </summary>
public static class RepoAccess
{
    public static IQueryable<RepoUser> Of(DataTricksDbContext db) =>
        db.RepoMembers.Select(m => new RepoUser { RepoId = m.RepoId, UserId = m.UserId })
            .Union(db.RepoGroupGrants.Join(db.GroupMembers, g => g.GroupId, m => m.GroupId, (g, m) => new RepoUser { RepoId = g.RepoId, UserId = m.UserId }));
}

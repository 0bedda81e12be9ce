using DataTricks.Domain.Auditing;
using DataTricks.Domain.Common;
using DataTricks.Domain.Groups;
using DataTricks.Domain.Infrastructure.Persistence;
using DataTricks.Domain.Tenancy;
using DataTricks.Domain.Users;
using Microsoft.EntityFrameworkCore;

namespace DataTricks.Domain.Repos;

/// <summary>
/// Who may use a repo: its direct members and the groups it is shared with (see <see cref="RepoAccess"/>). A user or
/// group of another customer is not found; the schema refuses such links even if this service were wrong.
/// </summary>
public sealed class RepoAccessService(DataTricksDbContext db, ITenantContext tenant, Authority authority, AuditLog audit, RepoAccessNotifier notifier, TimeProvider time)
{
    /// <summary>The most a picker shows at once; typing narrows the list in the database.</summary>
    public const int CandidateLimit = 20;

    /// <summary>Everyone who may use the repo, by name, each with how: directly and through which groups.</summary>
    public async Task<Result<OffsetPage<RepoMemberView>>> MembersAsync(Guid repoId, ListQuery query, CancellationToken cancellationToken = default)
    {
        if (!await db.Repos.AnyAsync(r => r.Id == repoId, cancellationToken))
            return Failure.NotFound("The repo");
        var people = db.Users.Where(u => RepoAccess.Of(db).Any(a => a.RepoId == repoId && a.UserId == u.Id));
        if (query.NormalizedSearch is { } search)
            people = people.Where(u => u.NormalizedEmail!.Contains(search) || u.DisplayName.ToUpper().Contains(search));
        var total = await people.CountAsync(cancellationToken);
        var page = await people.OrderBy(u => u.SortKey).ThenBy(u => u.Id).Skip(query.Offset).Take(query.Limit)
            .Select(u => new
            {
                u.Id, u.Email, u.DisplayName,
                AddedAt = db.RepoMembers.Where(m => m.RepoId == repoId && m.UserId == u.Id).Select(m => (DateTimeOffset?)m.AddedAt).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        var ids = page.Select(p => p.Id).ToList();
        var through = (await db.RepoGroupGrants.Where(g => g.RepoId == repoId)
                .Join(db.GroupMembers.Where(m => ids.Contains(m.UserId)), g => g.GroupId, m => m.GroupId, (g, m) => new { m.UserId, m.GroupId })
                .Join(db.Groups, a => a.GroupId, g => g.Id, (a, g) => new { a.UserId, g.Id, g.Name, g.SortKey })
                .ToListAsync(cancellationToken))
            .OrderBy(a => a.SortKey, StringComparer.Ordinal)
            .ToLookup(a => a.UserId, a => new GroupRef(a.Id, a.Name));
        var items = page.Select(p => new RepoMemberView(p.Id, p.Email!, p.DisplayName, p.AddedAt is not null, p.AddedAt, [.. through[p.Id]])).ToList();
        return new OffsetPage<RepoMemberView>(items, total, query.Offset);
    }

    /// <summary>Active users of the customer who are not direct members yet and whose name or e-mail holds <paramref name="search"/>.</summary>
    public async Task<IReadOnlyList<PersonChoice>> CandidatesAsync(Guid repoId, string? search, CancellationToken cancellationToken = default)
    {
        var users = db.Users.Where(u => u.IsActive && !db.RepoMembers.Any(m => m.RepoId == repoId && m.UserId == u.Id));
        if (new ListQuery(search, 0, CandidateLimit).NormalizedSearch is { } text)
            users = users.Where(u => u.NormalizedEmail!.Contains(text) || u.DisplayName.ToUpper().Contains(text));
        return await users
            .OrderBy(u => u.SortKey).ThenBy(u => u.Id)
            .Take(CandidateLimit)
            .Select(u => new PersonChoice(u.Id, u.Email!, u.DisplayName))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Adds a direct member; adding one who already is changes nothing (false).</summary>
    public Task<Result<bool>> AddMemberAsync(Guid repoId, Guid userId, CancellationToken cancellationToken = default) =>
        ChangeAsync(() => TryChangeMemberAsync(repoId, userId, add: true, cancellationToken));

    /// <summary>Removes a direct member (access through groups stays); removing one who is not a member changes nothing (false).</summary>
    public Task<Result<bool>> RemoveMemberAsync(Guid repoId, Guid userId, CancellationToken cancellationToken = default) =>
        ChangeAsync(() => TryChangeMemberAsync(repoId, userId, add: false, cancellationToken));

    private async Task<Result<bool>> TryChangeMemberAsync(Guid repoId, Guid userId, bool add, CancellationToken cancellationToken)
    {
        if (await authority.AuthorizeAsync(TenantWrites.ChangeRepoMembers, cancellationToken) is { } forbidden)
            return forbidden;
        var repo = await db.Repos.FirstOrDefaultAsync(r => r.Id == repoId, cancellationToken);
        if (repo is null)
            return Failure.NotFound("The repo");
        var email = await db.Users.Where(u => u.Id == userId).Select(u => u.Email).FirstOrDefaultAsync(cancellationToken);
        if (email is null)
            return Failure.NotFound("The user");
        var membership = await db.RepoMembers.FirstOrDefaultAsync(m => m.RepoId == repoId && m.UserId == userId, cancellationToken);
        if ((membership is not null) == add)
            return false;
        if (add)
            db.RepoMembers.Add(RepoMember.Create(repo.CustomerId, repoId, userId, time.GetUtcNow()));
        else
            db.RepoMembers.Remove(membership!);
        audit.Record(add ? AuditActions.RepoMemberAdded : AuditActions.RepoMemberRemoved, "repo", repoId,
            add ? $"{email} added to {repo.Name}" : $"{email} removed from {repo.Name}");
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>The groups the repo is shared with, by name.</summary>
    public async Task<Result<IReadOnlyList<RepoGroupView>>> GroupsAsync(Guid repoId, CancellationToken cancellationToken = default)
    {
        if (!await db.Repos.AnyAsync(r => r.Id == repoId, cancellationToken))
            return Failure.NotFound("The repo");
        return await db.RepoGroupGrants.Where(g => g.RepoId == repoId)
            .Join(db.Groups, g => g.GroupId, g => g.Id, (grant, g) => new { g.Id, g.Name, g.SortKey, grant.GrantedAt })
            .OrderBy(g => g.SortKey).ThenBy(g => g.Id)
            .Select(g => new RepoGroupView(g.Id, g.Name, db.GroupMembers.Count(m => m.GroupId == g.Id), g.GrantedAt))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Groups the repo is not shared with yet whose name holds <paramref name="search"/>.</summary>
    public async Task<IReadOnlyList<GroupRef>> GroupCandidatesAsync(Guid repoId, string? search, CancellationToken cancellationToken = default)
    {
        var groups = db.Groups.Where(g => !db.RepoGroupGrants.Any(r => r.RepoId == repoId && r.GroupId == g.Id));
        if (new ListQuery(search, 0, CandidateLimit).NormalizedSearch is { } text)
            groups = groups.Where(g => g.NormalizedName.Contains(text));
        return await groups.OrderBy(g => g.SortKey).ThenBy(g => g.Id).Take(CandidateLimit)
            .Select(g => new GroupRef(g.Id, g.Name))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Shares the repo with every member of the group; sharing it again changes nothing (false).</summary>
    public Task<Result<bool>> ShareWithGroupAsync(Guid repoId, Guid groupId, CancellationToken cancellationToken = default) =>
        ChangeAsync(() => TryChangeGrantAsync(repoId, groupId, share: true, cancellationToken));

    /// <summary>Stops sharing the repo with the group; its members keep any other access. Not shared: nothing changes (false).</summary>
    public Task<Result<bool>> StopSharingWithGroupAsync(Guid repoId, Guid groupId, CancellationToken cancellationToken = default) =>
        ChangeAsync(() => TryChangeGrantAsync(repoId, groupId, share: false, cancellationToken));

    private async Task<Result<bool>> TryChangeGrantAsync(Guid repoId, Guid groupId, bool share, CancellationToken cancellationToken)
    {
        if (await authority.AuthorizeAsync(TenantWrites.ChangeRepoMembers, cancellationToken) is { } forbidden)
            return forbidden;
        var repo = await db.Repos.FirstOrDefaultAsync(r => r.Id == repoId, cancellationToken);
        if (repo is null)
            return Failure.NotFound("The repo");
        var group = await db.Groups.AsNoTracking().FirstOrDefaultAsync(g => g.Id == groupId, cancellationToken);
        if (group is null)
            return Failure.NotFound("The group");
        var grant = await db.RepoGroupGrants.FirstOrDefaultAsync(g => g.RepoId == repoId && g.GroupId == groupId, cancellationToken);
        if ((grant is not null) == share)
            return false;
        var now = time.GetUtcNow();
        if (share)
            db.RepoGroupGrants.Add(RepoGroupGrant.Create(repo.CustomerId, repoId, groupId, now));
        else
            db.RepoGroupGrants.Remove(grant!);
        audit.Record(share ? AuditActions.RepoGroupGranted : AuditActions.RepoGroupRevoked, "repo", repoId,
            share ? $"{repo.Name} shared with {group.Name}" : $"{repo.Name} no longer shared with {group.Name}");
        // The group's representation counts its repos, so its version moves with them.
        await db.SaveWithGroupMovedAsync(group.Id, now, cancellationToken);
        return true;
    }

    /// <summary>
    /// Runs one change of access, redone on fresh data when a concurrent one saved first (a duplicate insert, a group
    /// whose version moved), and tells the customer's open pages when it changed anything.
    /// </summary>
    private async Task<Result<bool>> ChangeAsync(Func<Task<Result<bool>>> change)
    {
        var changed = await db.WriteLinkAsync(change, Failure.Conflict(ProblemCodes.ConcurrentChange, "Access to the repo keeps changing; try again in a moment."));
        if (changed is { Succeeded: true, Value: true } && tenant.CustomerId is { } customerId)
            notifier.Publish(customerId);
        return changed;
    }
}

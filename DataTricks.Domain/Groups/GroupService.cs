using DataTricks.Domain.Auditing;
using DataTricks.Domain.Common;
using DataTricks.Domain.Infrastructure.Persistence;
using DataTricks.Domain.Tenancy;
using DataTricks.Domain.Users;
using Microsoft.EntityFrameworkCore;

namespace DataTricks.Domain.Groups;

/// <summary>
/// The caller's groups and their members. A user of another customer is not found; the schema refuses such links even
/// if this service were wrong. Every change of a group or its members moves the group's version, so a writer that
/// read an older one is refused, and tells open pages that access may have changed.
/// </summary>
public sealed class GroupService(
    DataTricksDbContext db, ITenantContext tenant, Authority authority, AuditLog audit, RepoAccessNotifier notifier, TimeProvider time)
{
    public static readonly IReadOnlyList<string> SortColumns = ["name", "members", "created"];

    public async Task<OffsetPage<GroupView>> ListAsync(ListQuery query, CancellationToken cancellationToken = default)
    {
        var filtered = db.Groups.AsQueryable();
        if (query.NormalizedSearch is { } search)
            filtered = filtered.Where(g => g.NormalizedName.Contains(search));
        var total = await filtered.CountAsync(cancellationToken);
        var order = SortOrder.Parse(query.Sort, SortColumns, new SortOrder("name", false));
        var sorted = order.Column switch
        {
            "members" => order.Apply(filtered, g => db.GroupMembers.Count(m => m.GroupId == g.Id)),
            "created" => order.Apply(filtered, g => g.CreatedAt),
            _ => order.Apply(filtered, g => g.SortKey),
        };
        var items = await Project(sorted.ThenBy(g => g.Id).Skip(query.Offset).Take(query.Limit)).ToListAsync(cancellationToken);
        return new OffsetPage<GroupView>(items, total, query.Offset);
    }

    public async Task<Result<GroupView>> GetAsync(Guid id, CancellationToken cancellationToken = default) =>
        await Project(db.Groups.Where(g => g.Id == id)).FirstOrDefaultAsync(cancellationToken) is { } view ? view : Failure.NotFound("The group");

    public async Task<Result<GroupView>> CreateAsync(CreateGroupRequest request, CancellationToken cancellationToken = default)
    {
        if (await authority.AuthorizeAsync(TenantWrites.ChangeGroups, cancellationToken) is { } forbidden)
            return forbidden;
        if (Validate(request.Name, request.Description) is { } invalid)
            return invalid;
        if (tenant.CustomerId is not { } customerId)
            return Failure.NotFound("The customer");
        var name = Group.NameRule.Check(request.Name).Value;
        if (await NameTakenAsync(name, null, cancellationToken))
            return NameConflict(name);
        var group = Group.Create(customerId, name, request.Description, time.GetUtcNow());
        db.Groups.Add(group);
        audit.Record(AuditActions.GroupCreated, "group", group.Id, group.Name);
        return await SaveAsync(group.Id, name, cancellationToken);
    }

    public Task<Result<GroupView>> UpdateAsync(Guid id, UpdateGroupRequest request, VersionMatch? expected = null, CancellationToken cancellationToken = default) =>
        db.WriteAsync(() => TryUpdateAsync(id, request, expected ?? VersionMatch.Any, cancellationToken), Concurrent);

    private async Task<Result<GroupView>> TryUpdateAsync(Guid id, UpdateGroupRequest request, VersionMatch expected, CancellationToken cancellationToken)
    {
        if (await authority.AuthorizeAsync(TenantWrites.ChangeGroups, cancellationToken) is { } forbidden)
            return forbidden;
        var group = await db.Groups.FirstOrDefaultAsync(g => g.Id == id, cancellationToken);
        if (group is null)
            return Failure.NotFound("The group");
        if (!expected.Allows(group.Version))
            return VersionMatch.Stale($"Group '{group.Name}'");
        if (Validate(request.Name ?? group.Name, request.Description) is { } invalid)
            return invalid;
        var name = request.Name is null ? group.Name : Group.NameRule.Check(request.Name).Value;
        if (!string.Equals(name, group.Name, StringComparison.OrdinalIgnoreCase) && await NameTakenAsync(name, group.Id, cancellationToken))
            return NameConflict(name);
        group.Edit(name, request.Description ?? group.Description, time.GetUtcNow());
        audit.Record(AuditActions.GroupUpdated, "group", group.Id, group.Name);
        return await SaveAsync(group.Id, name, cancellationToken);
    }

    /// <summary>Deletes the group, its memberships and the repo access it gave.</summary>
    public async Task<Result<GroupView>> DeleteAsync(Guid id, CancellationToken cancellationToken = default)
    {
        if (await authority.AuthorizeAsync(TenantWrites.ChangeGroups, cancellationToken) is { } forbidden)
            return forbidden;
        var view = await GetAsync(id, cancellationToken);
        if (!view.Succeeded)
            return view;
        var group = await db.Groups.FirstAsync(g => g.Id == id, cancellationToken);
        db.Groups.Remove(group);
        audit.Record(AuditActions.GroupDeleted, "group", group.Id, group.Name);
        await db.SaveChangesAsync(cancellationToken);
        notifier.Publish(group.CustomerId);
        return view;
    }

    public async Task<Result<OffsetPage<GroupMemberView>>> MembersAsync(Guid groupId, ListQuery query, CancellationToken cancellationToken = default)
    {
        if (!await db.Groups.AnyAsync(g => g.Id == groupId, cancellationToken))
            return Failure.NotFound("The group");
        var members = db.GroupMembers.Where(m => m.GroupId == groupId)
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { User = u, m.AddedAt });
        if (query.NormalizedSearch is { } search)
            members = members.Where(m => m.User.NormalizedEmail!.Contains(search) || m.User.DisplayName.ToUpper().Contains(search));
        var total = await members.CountAsync(cancellationToken);
        var items = await members.OrderBy(m => m.User.SortKey).ThenBy(m => m.User.Id).Skip(query.Offset).Take(query.Limit)
            .Select(m => new GroupMemberView(m.User.Id, m.User.Email!, m.User.DisplayName, m.User.IsActive, m.AddedAt))
            .ToListAsync(cancellationToken);
        return new OffsetPage<GroupMemberView>(items, total, query.Offset);
    }

    /// <summary>The repos shared with the group, by name: what its members may use through it.</summary>
    public async Task<Result<IReadOnlyList<SharedRepoView>>> ReposAsync(Guid groupId, CancellationToken cancellationToken = default)
    {
        if (!await db.Groups.AnyAsync(g => g.Id == groupId, cancellationToken))
            return Failure.NotFound("The group");
        return await db.RepoGroupGrants.Where(g => g.GroupId == groupId)
            .Join(db.Repos, g => g.RepoId, r => r.Id, (g, r) => new { r.Id, r.Name, r.SortKey, g.GrantedAt })
            .OrderBy(r => r.SortKey).ThenBy(r => r.Id)
            .Select(r => new SharedRepoView(r.Id, r.Name, r.GrantedAt))
            .ToListAsync(cancellationToken);
    }

    /// <summary>The most a picker shows at once; typing narrows the list in the database.</summary>
    public const int CandidateLimit = 20;

    /// <summary>Active users of the customer not in the group yet, whose name or e-mail holds <paramref name="search"/>.</summary>
    public async Task<IReadOnlyList<PersonChoice>> CandidatesAsync(Guid groupId, string? search, CancellationToken cancellationToken = default)
    {
        var users = db.Users.Where(u => u.IsActive && !db.GroupMembers.Any(m => m.GroupId == groupId && m.UserId == u.Id));
        if (new ListQuery(search, 0, CandidateLimit).NormalizedSearch is { } text)
            users = users.Where(u => u.NormalizedEmail!.Contains(text) || u.DisplayName.ToUpper().Contains(text));
        return await users.OrderBy(u => u.SortKey).ThenBy(u => u.Id).Take(CandidateLimit)
            .Select(u => new PersonChoice(u.Id, u.Email!, u.DisplayName))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Adds a member; adding one who already is changes nothing (false).</summary>
    public Task<Result<bool>> AddMemberAsync(Guid groupId, Guid userId, CancellationToken cancellationToken = default) =>
        ChangeMembershipAsync(groupId, userId, add: true, cancellationToken);

    /// <summary>Removes a member, and the repo access the group gave them; removing one who is not a member changes nothing (false).</summary>
    public Task<Result<bool>> RemoveMemberAsync(Guid groupId, Guid userId, CancellationToken cancellationToken = default) =>
        ChangeMembershipAsync(groupId, userId, add: false, cancellationToken);

    private async Task<Result<bool>> ChangeMembershipAsync(Guid groupId, Guid userId, bool add, CancellationToken cancellationToken)
    {
        var changed = await db.WriteLinkAsync(() => TryChangeMembershipAsync(groupId, userId, add, cancellationToken), Concurrent);
        if (changed is { Succeeded: true, Value: true } && tenant.CustomerId is { } customerId)
            notifier.Publish(customerId);
        return changed;
    }

    private async Task<Result<bool>> TryChangeMembershipAsync(Guid groupId, Guid userId, bool add, CancellationToken cancellationToken)
    {
        if (await authority.AuthorizeAsync(TenantWrites.ChangeGroupMembers, cancellationToken) is { } forbidden)
            return forbidden;
        var group = await db.Groups.AsNoTracking().FirstOrDefaultAsync(g => g.Id == groupId, cancellationToken);
        if (group is null)
            return Failure.NotFound("The group");
        var email = await db.Users.Where(u => u.Id == userId).Select(u => u.Email).FirstOrDefaultAsync(cancellationToken);
        if (email is null)
            return Failure.NotFound("The user");
        var membership = await db.GroupMembers.FirstOrDefaultAsync(m => m.GroupId == groupId && m.UserId == userId, cancellationToken);
        if ((membership is not null) == add)
            return false;
        var now = time.GetUtcNow();
        if (add)
            db.GroupMembers.Add(GroupMember.Create(group.CustomerId, groupId, userId, now));
        else
            db.GroupMembers.Remove(membership!);
        audit.Record(add ? AuditActions.GroupMemberAdded : AuditActions.GroupMemberRemoved, "group", group.Id,
            add ? $"{email} added to {group.Name}" : $"{email} removed from {group.Name}");
        await db.SaveWithGroupMovedAsync(group.Id, now, cancellationToken);
        return true;
    }

    private IQueryable<GroupView> Project(IQueryable<Group> source) =>
        source.Select(g => new GroupView(
            g.Id, g.Name, g.Description,
            db.GroupMembers.Count(m => m.GroupId == g.Id), db.RepoGroupGrants.Count(r => r.GroupId == g.Id),
            g.CreatedAt, g.UpdatedAt, g.Version));

    private static Failure? Validate(string? name, string? description)
    {
        var errors = new FieldErrors()
            .Check("name", Group.NameRule.Check(name))
            .Check("description", Group.DescriptionRule.Check(description));
        return errors.Any ? errors.ToFailure() : null;
    }

    private Task<bool> NameTakenAsync(string name, Guid? exceptId, CancellationToken cancellationToken)
    {
        var normalized = name.ToUpperInvariant();
        return db.Groups.AnyAsync(g => g.NormalizedName == normalized && g.Id != exceptId, cancellationToken);
    }

    private static Failure NameConflict(string name) => Failure.Conflict(ProblemCodes.NameTaken, $"A group named '{name}' already exists.");

    private static Failure Concurrent => Failure.Conflict(ProblemCodes.ConcurrentChange, "The group keeps changing; try again in a moment.");

    private async Task<Result<GroupView>> SaveAsync(Guid id, string name, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (exception is not DbUpdateConcurrencyException)
        {
            // A concurrent request took the name between the check and the insert.
            db.ChangeTracker.Clear();
            return NameConflict(name);
        }
        return await GetAsync(id, cancellationToken);
    }
}

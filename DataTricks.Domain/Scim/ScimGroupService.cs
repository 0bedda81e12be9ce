using System.Text.Json.Nodes;
using DataTricks.Domain.Auditing;
using DataTricks.Domain.Groups;
using DataTricks.Domain.Infrastructure.Persistence;
using DataTricks.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace DataTricks.Domain.Scim;

/// <summary>
/// The customer's groups as its directory sees them over SCIM. Members are changed one by one (a directory adds and
/// removes people from groups of thousands); every write is one transaction guarded by the group's version, and
/// tells open pages that repo access may have changed.
/// </summary>
public sealed class ScimGroupService(
    DataTricksDbContext db, ITenantContext tenant, Authority authority, AuditLog audit, RepoAccessNotifier notifier, TimeProvider time)
{
    public async Task<ScimList> ListAsync(string? filter, int? startIndex, int? count, bool withMembers, CancellationToken cancellationToken = default)
    {
        var query = db.Groups.AsQueryable();
        if (!string.IsNullOrWhiteSpace(filter))
            query = query.Where(ScimFilterQuery.ToPredicate(ScimFilter.Parse(filter), ScimGroupResource.Leaf(db)));
        var (skip, take, start) = ScimList.Window(startIndex, count);
        var page = take == 0 ? [] : await query.OrderBy(g => g.CreatedAt).ThenBy(g => g.Id).Skip(skip).Take(take).ToListAsync(cancellationToken);
        var total = await ScimList.TotalAsync(query, skip, take, page.Count, cancellationToken);
        var members = withMembers ? await MembersOfAsync([.. page.Select(g => g.Id)], cancellationToken) : null;
        return new ScimList(total, start, [.. page.Select(g => ScimGroupResource.ToJson(g, members?[g.Id]))]);
    }

    public async Task<JsonObject> GetAsync(Guid id, bool withMembers = true, CancellationToken cancellationToken = default) =>
        await ViewAsync(await FindAsync(id, cancellationToken), withMembers, cancellationToken);

    public async Task<JsonObject> CreateAsync(JsonNode? body, CancellationToken cancellationToken = default)
    {
        await AuthorizeAsync(TenantWrites.ChangeGroups, cancellationToken);
        var input = ScimGroupResource.Read(ScimJson.Object(body));
        var customerId = tenant.CustomerId ?? throw new InvalidOperationException("A directory's write needs a scope that names its customer.");
        await RefuseTakenNameAsync(input.DisplayName, null, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var group = Group.Create(customerId, input.DisplayName, null, time.GetUtcNow());
        group.KeptByDirectory(input.ExternalId);
        db.Groups.Add(group);
        audit.Record(AuditActions.GroupCreated, "group", group.Id, group.Name);
        await SaveAsync(input.DisplayName, cancellationToken);
        if (input.Members is { Count: > 0 } members)
            await SetMembersAsync(group, members, replace: true, add: true, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        notifier.Publish(customerId);
        return await ViewAsync(group, true, cancellationToken);
    }

    /// <summary>PUT: the group becomes what the body says, its members included when the body lists them.</summary>
    public Task<JsonObject> ReplaceAsync(Guid id, JsonNode? body, string? ifMatch, CancellationToken cancellationToken = default)
    {
        var input = ScimGroupResource.Read(ScimJson.Object(body));
        return WriteAsync(id, ifMatch, async group =>
        {
            await RenameAsync(group, input, cancellationToken);
            await SetMembersAsync(group, input.Members ?? [], replace: true, add: true, cancellationToken);
        }, cancellationToken);
    }

    /// <summary>
    /// PATCH: operations on <c>members</c> add and remove people directly; the rest are applied to the group as SCIM
    /// shows it without members, and read back as a PUT would be.
    /// </summary>
    public Task<JsonObject> PatchAsync(Guid id, JsonNode? body, string? ifMatch, CancellationToken cancellationToken = default)
    {
        var operations = ScimPatch.Read(body);
        return WriteAsync(id, ifMatch, async group =>
        {
            var resource = ScimGroupResource.ToJson(group, null);
            var patch = ScimGroupResource.Patch;
            foreach (var operation in operations.SelectMany(SplitMembers))
                if (MemberChange(operation) is { } members)
                    await SetMembersAsync(group, members.Ids, members.Replace, members.Add, cancellationToken);
                else
                    patch.Apply(resource, operation);
            await RenameAsync(group, ScimGroupResource.Read(resource), cancellationToken);
        }, cancellationToken);
    }

    /// <summary>DELETE removes the group, its memberships and the repo access it gave.</summary>
    public async Task DeleteAsync(Guid id, string? ifMatch, CancellationToken cancellationToken = default)
    {
        await AuthorizeAsync(TenantWrites.ChangeGroups, cancellationToken);
        var group = await FindAsync(id, cancellationToken);
        CheckVersion(group, ifMatch);
        db.Groups.Remove(group);
        audit.Record(AuditActions.GroupDeleted, "group", group.Id, group.Name);
        await db.SaveChangesAsync(cancellationToken);
        notifier.Publish(group.CustomerId);
    }

    private sealed record Members(IReadOnlyList<Guid> Ids, bool Replace, bool Add);

    /// <summary>A path-less operation that sets members and other attributes at once, as two: the members, and the rest.</summary>
    private static IEnumerable<ScimPatchOperation> SplitMembers(ScimPatchOperation operation)
    {
        if (operation.Path is not null || operation.Value is not JsonObject values || values.Count < 2 || ScimJson.KeyOf(values, "members") is not { } key)
        {
            yield return operation;
            yield break;
        }
        var rest = (JsonObject)values.DeepClone();
        rest.Remove(key);
        yield return operation with { Value = new JsonObject { [key] = values[key]?.DeepClone() } };
        yield return operation with { Value = rest };
    }

    /// <summary>What an operation does to the members, when it is about them: Okta's and Entra ID's shapes alike.</summary>
    private static Members? MemberChange(ScimPatchOperation operation)
    {
        if (operation.Path is null)
            return operation.Value is JsonObject values && ScimJson.Get(values, "members") is { } listed && values.Count == 1
                ? new Members(ScimGroupResource.MemberIds(listed) ?? [], operation.Op == "replace", true)
                : null;
        var path = operation.Path.Trim();
        if (path.Equals("members", StringComparison.OrdinalIgnoreCase))
            return operation.Op == "remove" && operation.Value is null
                ? new Members([], Replace: true, Add: false)
                : new Members(ScimGroupResource.MemberIds(operation.Value) ?? [], operation.Op == "replace", operation.Op != "remove");
        if (!path.StartsWith("members[", StringComparison.OrdinalIgnoreCase) || operation.Op != "remove")
            return null;
        // members[value eq "…"]: the one form a directory removes by.
        return ScimFilter.Parse(path["members[".Length..].TrimEnd(']')) is ScimFilter.Compare { Operator: "eq" } compare
            && compare.Path.Attribute == "value" && Guid.TryParse(ScimText.Value(compare), out var id)
            ? new Members([id], Replace: false, Add: false)
            : throw ScimException.InvalidPath($"'{path}': remove members by members[value eq \"<user id>\"].");
    }

    private async Task SetMembersAsync(Group group, IReadOnlyList<Guid> ids, bool replace, bool add, CancellationToken cancellationToken)
    {
        await AuthorizeAsync(TenantWrites.ChangeGroupMembers, cancellationToken);
        var known = await db.Users.Where(u => ids.Contains(u.Id)).Select(u => new { u.Id, u.Email }).ToDictionaryAsync(u => u.Id, u => u.Email!, cancellationToken);
        if (add && ids.FirstOrDefault(id => !known.ContainsKey(id)) is var unknown && unknown != Guid.Empty)
            throw ScimException.InvalidValue($"Member {unknown} is not a user of this customer.");
        var current = await db.GroupMembers.Where(m => m.GroupId == group.Id).ToDictionaryAsync(m => m.UserId, cancellationToken);
        var now = time.GetUtcNow();
        var changed = false;
        foreach (var id in add ? ids.Where(id => !current.ContainsKey(id)) : [])
        {
            db.GroupMembers.Add(GroupMember.Create(group.CustomerId, group.Id, id, now));
            audit.Record(AuditActions.GroupMemberAdded, "group", group.Id, $"{known[id]} added to {group.Name}");
            changed = true;
        }
        var leaving = replace ? current.Keys.Where(id => !ids.Contains(id)) : add ? [] : ids.Where(current.ContainsKey);
        foreach (var id in leaving.ToList())
        {
            db.GroupMembers.Remove(current[id]);
            audit.Record(AuditActions.GroupMemberRemoved, "group", group.Id, $"{known.GetValueOrDefault(id) ?? id.ToString()} removed from {group.Name}");
            changed = true;
        }
        if (changed)
        {
            group.Touch(now);
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    private async Task RenameAsync(Group group, ScimGroupInput input, CancellationToken cancellationToken)
    {
        if (input.DisplayName != group.Name)
        {
            await RefuseTakenNameAsync(input.DisplayName, group.Id, cancellationToken);
            group.Edit(input.DisplayName, group.Description, time.GetUtcNow());
            audit.Record(AuditActions.GroupUpdated, "group", group.Id, group.Name);
        }
        if (input.ExternalId != group.ExternalId || !group.DirectoryManaged)
            group.Touch(time.GetUtcNow());
        group.KeptByDirectory(input.ExternalId);
        await SaveAsync(input.DisplayName, cancellationToken);
    }

    private async Task<JsonObject> WriteAsync(Guid id, string? ifMatch, Func<Group, Task> change, CancellationToken cancellationToken)
    {
        await AuthorizeAsync(TenantWrites.ChangeGroups, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var group = await FindAsync(id, cancellationToken);
        CheckVersion(group, ifMatch);
        try
        {
            await change(group);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw ScimException.PreconditionFailed($"Group {id} changed while this request was applied; read it again and retry.");
        }
        await transaction.CommitAsync(cancellationToken);
        notifier.Publish(group.CustomerId);
        return await ViewAsync(group, true, cancellationToken);
    }

    private static void CheckVersion(Group group, string? ifMatch) => ScimVersion.Check(ifMatch, ScimGroupResource.VersionOf(group), "group");

    private async Task RefuseTakenNameAsync(string name, Guid? exceptId, CancellationToken cancellationToken)
    {
        var normalized = name.ToUpperInvariant();
        if (await db.Groups.AnyAsync(g => g.NormalizedName == normalized && g.Id != exceptId, cancellationToken))
            throw Taken(name);
    }

    private async Task SaveAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (exception is not DbUpdateConcurrencyException)
        {
            // A concurrent request took the name between the check and the save.
            throw Taken(name);
        }
    }

    private async Task<Group> FindAsync(Guid id, CancellationToken cancellationToken) =>
        await db.Groups.FirstOrDefaultAsync(g => g.Id == id, cancellationToken) ?? throw ScimException.NotFound($"Group {id}");

    private async Task<JsonObject> ViewAsync(Group group, bool withMembers, CancellationToken cancellationToken) =>
        ScimGroupResource.ToJson(group, withMembers ? (await MembersOfAsync([group.Id], cancellationToken))[group.Id] : null);

    private async Task<ILookup<Guid, (Guid Id, string Email)>> MembersOfAsync(List<Guid> groupIds, CancellationToken cancellationToken) =>
        (await db.GroupMembers.Where(m => groupIds.Contains(m.GroupId))
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { m.GroupId, u.Id, u.Email })
            .ToListAsync(cancellationToken))
        .ToLookup(m => m.GroupId, m => (m.Id, m.Email ?? ""));

    private async Task AuthorizeAsync(TenantWrite write, CancellationToken cancellationToken)
    {
        if (await authority.AuthorizeAsync(write, cancellationToken) is { } refused)
            throw ScimException.Forbidden(refused.Detail);
    }

    private static ScimException Taken(string name) => ScimException.Uniqueness($"A group named '{name}' already exists.");
}

using System.Text.Json.Nodes;
using DataTricks.Domain.Auditing;
using DataTricks.Domain.Common;
using DataTricks.Domain.Events;
using DataTricks.Domain.Groups;
using DataTricks.Domain.Infrastructure.Persistence;
using DataTricks.Domain.Tenancy;
using DataTricks.Domain.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace DataTricks.Domain.Scim;

/// <summary>
/// The customer's people as its directory sees them over SCIM. Every write is one transaction, made in the
/// directory's scope (audited as the directory) under the same rules as the portal's: the last active admin is
/// never deactivated, rights changes end the person's sessions, and the directory then keeps the person's name.
/// Deleting deactivates and keeps the person's history. Refusals are <see cref="ScimException"/>s.
/// </summary>
public sealed class ScimUserService(
    DataTricksDbContext db, UserManager<User> users, ITenantContext tenant, Authority authority, AdminRules admins, AuditLog audit, EventLog events,
    UserAccessNotifier access, TimeProvider time)
{
    public async Task<ScimList> ListAsync(string? filter, int? startIndex, int? count, CancellationToken cancellationToken = default)
    {
        var query = db.Users.AsQueryable();
        if (!string.IsNullOrWhiteSpace(filter))
            query = query.Where(ScimFilterQuery.ToPredicate<User>(ScimFilter.Parse(filter), ScimUserResource.Leaf));
        var (skip, take, start) = ScimList.Window(startIndex, count);
        var page = take == 0 ? [] : await query.OrderBy(u => u.CreatedAt).ThenBy(u => u.Id).Skip(skip).Take(take).ToListAsync(cancellationToken);
        var total = await ScimList.TotalAsync(query, skip, take, page.Count, cancellationToken);
        var groups = await GroupsOfAsync([.. page.Select(u => u.Id)], cancellationToken);
        return new ScimList(total, start, [.. page.Select(u => ScimUserResource.ToJson(u, groups[u.Id]))]);
    }

    public async Task<JsonObject> GetAsync(Guid id, CancellationToken cancellationToken = default) =>
        await ViewAsync(await FindAsync(id, cancellationToken), cancellationToken);

    public async Task<JsonObject> CreateAsync(JsonNode? body, CancellationToken cancellationToken = default)
    {
        await AuthorizeAsync(TenantWrites.CreateUser, cancellationToken);
        var input = ScimUserResource.Read(ScimJson.Object(body));
        var customerId = tenant.CustomerId ?? throw new InvalidOperationException("A directory's write needs a scope that names its customer.");
        var normalized = users.NormalizeEmail(input.UserName);
        if (await db.Users.AnyAsync(u => u.NormalizedEmail == normalized, cancellationToken))
            throw Taken(input.UserName);
        var user = User.Create(customerId, input.UserName, input.DisplayName, time.GetUtcNow());
        user.EmailConfirmed = true;
        Assign(user, input);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            // No password: the person signs in by single sign-on, or is given one by an admin.
            if (await users.CreateAsync(user) is { Succeeded: false } refused)
                throw refused.Errors.Any(e => e.Code.Contains("Duplicate", StringComparison.Ordinal))
                    ? Taken(input.UserName)
                    : ScimException.InvalidValue(string.Join(" ", refused.Errors.Select(e => e.Description)));
        }
        catch (DbUpdateException)
        {
            // Another request created the same address between the check and the insert.
            throw Taken(input.UserName);
        }
        await users.AddToRoleAsync(user, Roles.Member);
        audit.Record(AuditActions.UserCreated, "user", user.Id, $"{user.Email} as {Roles.Member}{(user.IsActive ? "" : ", inactive")}");
        events.Record(EventTypes.UserCreated, user.Id, user.ToView(Roles.Member));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return await ViewAsync(user, cancellationToken);
    }

    /// <summary>PUT: the person becomes what the body says (Okta sends the whole user).</summary>
    public Task<JsonObject> ReplaceAsync(Guid id, JsonNode? body, string? ifMatch, CancellationToken cancellationToken = default) =>
        WriteAsync(id, ifMatch, _ => ScimUserResource.Read(ScimJson.Object(body)), cancellationToken);

    /// <summary>PATCH: the operations applied to the person as SCIM shows them, then read back as a PUT would be.</summary>
    public Task<JsonObject> PatchAsync(Guid id, JsonNode? body, string? ifMatch, CancellationToken cancellationToken = default)
    {
        var operations = ScimPatch.Read(body);
        return WriteAsync(id, ifMatch, current =>
        {
            var patch = ScimUserResource.Patch;
            foreach (var operation in operations)
                patch.Apply(current, operation);
            return ScimUserResource.Read(current);
        }, cancellationToken);
    }

    /// <summary>DELETE deactivates: the person can no longer sign in, and their history stays.</summary>
    public async Task DeleteAsync(Guid id, string? ifMatch, CancellationToken cancellationToken = default) =>
        await WriteAsync(id, ifMatch, current => ScimUserResource.Read(current) with { Active = false }, cancellationToken);

    private async Task<JsonObject> WriteAsync(Guid id, string? ifMatch, Func<JsonObject, ScimUserInput> change, CancellationToken cancellationToken)
    {
        await AuthorizeAsync(TenantWrites.RenameUser, cancellationToken);
        var outcome = await admins.WithCustomerLockedAsync<(User User, bool RightsChanged)>(async () =>
        {
            var user = await FindAsync(id, cancellationToken);
            ScimVersion.Check(ifMatch, ScimUserResource.VersionOf(user), "user");
            var input = change(ScimUserResource.ToJson(user, []));
            var changes = new List<string>();
            if (!string.Equals(input.UserName, user.Email, StringComparison.Ordinal))
            {
                var normalized = users.NormalizeEmail(input.UserName);
                if (await db.Users.AnyAsync(u => u.NormalizedEmail == normalized && u.Id != user.Id, cancellationToken))
                    throw Taken(input.UserName);
                changes.Add($"e-mail {input.UserName}");
                user.Email = user.UserName = input.UserName;
                user.NormalizedEmail = user.NormalizedUserName = normalized;
            }
            if (input.DisplayName != user.DisplayName)
                changes.Add($"name '{input.DisplayName}'");
            var rightsChanged = input.Active != user.IsActive;
            if (rightsChanged)
            {
                await AuthorizeAsync(TenantWrites.ChangeUserRights, cancellationToken);
                if (!input.Active && await IsActiveAdminAsync(user, cancellationToken) && await admins.RefuseLosingAdminAsync(user.Id, cancellationToken) is { } refused)
                    throw ScimException.Conflict($"{user.Email} cannot be deactivated: {refused.Detail}");
                changes.Add(input.Active ? "reactivated" : "deactivated");
                // Coming back must not revive cookies or tokens from before the deactivation.
                user.EndSessions();
                db.AccessChanges.Add(AccessChange.Of(user.Id, time.GetUtcNow()));
            }
            Assign(user, input);
            if (changes.Count > 0)
            {
                audit.Record(AuditActions.UserUpdated, "user", user.Id, $"{user.Email}: {string.Join(", ", changes)}");
                events.Record(EventTypes.UserUpdated, user.Id, user.ToView(await Roles.OfUserAsync(db, user.Id, cancellationToken) ?? Roles.Member));
            }
            if (rightsChanged)
                await users.UpdateSecurityStampAsync(user);
            await db.SaveChangesAsync(cancellationToken);
            return (user, rightsChanged);
        }, cancellationToken);
        if (outcome.Value.RightsChanged)
            access.Publish(id);
        return await ViewAsync(outcome.Value.User, cancellationToken);
    }

    private static void Assign(User user, ScimUserInput input)
    {
        user.DisplayName = input.DisplayName;
        user.GivenName = input.GivenName;
        user.FamilyName = input.FamilyName;
        user.ExternalId = input.ExternalId;
        user.IsActive = input.Active;
        user.DirectoryManaged = true;
    }

    private async Task<bool> IsActiveAdminAsync(User user, CancellationToken cancellationToken) =>
        user.IsActive && await (await admins.ActiveAdminsAsync(cancellationToken)).AnyAsync(u => u.Id == user.Id, cancellationToken);

    private async Task<User> FindAsync(Guid id, CancellationToken cancellationToken) =>
        await db.Users.FirstOrDefaultAsync(u => u.Id == id, cancellationToken) ?? throw ScimException.NotFound($"User {id}");

    private async Task<JsonObject> ViewAsync(User user, CancellationToken cancellationToken) =>
        ScimUserResource.ToJson(user, (await GroupsOfAsync([user.Id], cancellationToken))[user.Id]);

    private async Task<ILookup<Guid, GroupRef>> GroupsOfAsync(List<Guid> userIds, CancellationToken cancellationToken) =>
        userIds.Count == 0 ? Array.Empty<GroupRef>().ToLookup(_ => Guid.Empty) : (await db.GroupMembers.Where(m => userIds.Contains(m.UserId))
            .Join(db.Groups, m => m.GroupId, g => g.Id, (m, g) => new { m.UserId, g.Id, g.Name, g.SortKey })
            .ToListAsync(cancellationToken))
        .OrderBy(g => g.SortKey, StringComparer.Ordinal)
        .ToLookup(g => g.UserId, g => new GroupRef(g.Id, g.Name));

    private async Task AuthorizeAsync(TenantWrite write, CancellationToken cancellationToken)
    {
        if (await authority.AuthorizeAsync(write, cancellationToken) is { } refused)
            throw ScimException.Forbidden(refused.Detail);
    }

    private static ScimException Taken(string userName) => ScimException.Uniqueness($"A user with userName '{userName}' already exists.");
}

using DataTricks.Domain.Auditing;
using DataTricks.Domain.Common;
using DataTricks.Domain.Events;
using DataTricks.Domain.Infrastructure.Persistence;
using DataTricks.Domain.Tenancy;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace DataTricks.Domain.Users;

/// <summary>
/// The people of the caller's customer. Identity keeps passwords, roles and security stamps; this service keeps
/// the customer's rules: only admins change users, roles are Admin or Member, and the last active admin cannot be
/// demoted, deactivated or removed, however many requests race.
/// </summary>
public sealed class UserService(
    DataTricksDbContext db, UserManager<User> users, ITenantContext tenant, Authority authority, AdminRules admins, AuditLog audit,
    EventLog events, UserAccessNotifier access, TimeProvider time)
{
    public async Task<OffsetPage<UserView>> ListAsync(ListQuery query, CancellationToken cancellationToken = default)
    {
        var filtered = db.Users.AsQueryable();
        if (query.NormalizedSearch is { } search)
            filtered = filtered.Where(u => u.NormalizedEmail!.Contains(search) || u.DisplayName.ToUpper().Contains(search));
        var total = await filtered.CountAsync(cancellationToken);
        var items = await Project(Sorted(filtered, query.Sort).ThenBy(u => u.Id).Skip(query.Offset).Take(query.Limit)).ToListAsync(cancellationToken);
        return new OffsetPage<UserView>(items, total, query.Offset);
    }

    /// <summary>The columns a list sorts by; the first is the default.</summary>
    public static IReadOnlyList<string> SortColumns => ["name", "email", "created"];

    private static IOrderedQueryable<User> Sorted(IQueryable<User> users, string? sort)
    {
        var order = SortOrder.Parse(sort, SortColumns, new SortOrder(SortColumns[0], false));
        return order.Column switch
        {
            "email" => order.Apply(users, u => u.NormalizedEmail),
            "created" => order.Apply(users, u => u.CreatedAt),
            _ => order.Apply(users, u => u.SortKey),
        };
    }

    public async Task<Result<UserView>> GetAsync(Guid id, CancellationToken cancellationToken = default) =>
        await Project(db.Users.Where(u => u.Id == id)).FirstOrDefaultAsync(cancellationToken) is { } view ? view : Failure.NotFound("The user");

    public async Task<Result<CreatedUser>> CreateAsync(CreateUserRequest request, CancellationToken cancellationToken = default)
    {
        if (await authority.AuthorizeAsync(TenantWrites.CreateUser, cancellationToken) is { } refused)
            return refused;
        var email = request.Email?.Trim();
        // Least privilege when none is named: an admin is made on purpose.
        var role = request.Role ?? Roles.Member;
        var errors = new FieldErrors()
            .Check(EmailRules.IsValid(email), "email", "Enter a valid e-mail address.")
            .Check(Roles.OfCustomer.Contains(role), "role", "Choose a role: Admin or Member.")
            .Check("displayName", User.OptionalDisplayName(request.DisplayName));
        if (errors.Any)
            return errors.ToFailure();
        // An admin's scope always names its customer; a scope that does not is a bug, never rows that belong to nobody.
        var customerId = tenant.CustomerId ?? throw new InvalidOperationException("A write in a customer needs a scope that names it.");

        var user = User.Create(customerId, email!, request.DisplayName, time.GetUtcNow());
        user.EmailConfirmed = true;
        var generated = string.IsNullOrEmpty(request.Password) ? PasswordGenerator.Generate() : null;
        var password = generated ?? request.Password!;
        var problems = await PasswordCheck.ProblemsAsync(users, user, password);
        if (problems.Length > 0)
            return Failure.Invalid(new Dictionary<string, string[]> { ["password"] = problems });
        if (await users.FindByEmailAsync(email!) is not null)
            return IdentityFailures.EmailTaken;

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            // Identity refuses only an address taken meanwhile here (the checks above passed), which is a conflict whatever the field.
            if (await users.CreateAsync(user, password) is { Succeeded: false } created)
                return IdentityFailures.From(created, "email");
        }
        catch (DbUpdateException)
        {
            // Another admin added the same address between Identity's check and the insert: the unique index refused ours.
            return IdentityFailures.EmailTaken;
        }
        // Identity refuses a role only when it is unknown, which the validation above rules out; kept so that a refusal is answered, not lost.
        if (await users.AddToRoleAsync(user, role) is { Succeeded: false } promoted)
            return IdentityFailures.From(promoted, "role");
        audit.Record(AuditActions.UserCreated, "user", user.Id, $"{user.Email} as {role}");
        events.Record(EventTypes.UserCreated, user.Id, user.ToView(role));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new CreatedUser((await GetAsync(user.Id, cancellationToken)).Value!, generated);
    }

    /// <summary>
    /// Renames, changes the role or the active state of a user. <paramref name="isCurrent"/> (If-Match) is asked of the
    /// user as they are under the customer's lock, which every change of its users takes: nothing changes between.
    /// </summary>
    public async Task<Result<UserView>> UpdateAsync(Guid id, UpdateUserRequest request, Func<UserView, bool>? isCurrent = null, CancellationToken cancellationToken = default)
    {
        if (await authority.AuthorizeAsync(TenantWrites.RenameUser, cancellationToken) is { } forbidden)
            return forbidden;
        var before = await GetAsync(id, cancellationToken);
        if (!before.Succeeded)
            return before;
        var displayNameCheck = request.DisplayName is null ? null : User.DisplayNameRule.Check(request.DisplayName);
        var errors = new FieldErrors()
            .Check(request.Role is null || Roles.OfCustomer.Contains(request.Role), "role", "Choose a role: Admin or Member.");
        if (displayNameCheck is not null)
            errors.Check("displayName", displayNameCheck);
        if (errors.Any)
            return errors.ToFailure();
        var changesRights = (request.Role is { } asked && asked != before.Value.Role) || (request.IsActive is { } wanted && wanted != before.Value.IsActive);
        if (changesRights && await authority.AuthorizeAsync(TenantWrites.ChangeUserRights, cancellationToken) is { } refused)
            return refused;

        var outcome = await admins.WithCustomerLockedAsync<bool>(async () =>
        {
            if (isCurrent is not null && await GetAsync(id, cancellationToken) is { Succeeded: true } now && !isCurrent(now.Value))
                return VersionMatch.Stale("The user");
            var user = await db.Users.FirstAsync(u => u.Id == id, cancellationToken);
            var currentRole = await Roles.OfUserAsync(db, user.Id, cancellationToken);
            var givesUpAdmin = (request.Role is { } role && role != Roles.Admin) || request.IsActive == false;
            var losesAdmin = currentRole == Roles.Admin && user.IsActive && givesUpAdmin;
            if (losesAdmin && await admins.RefuseLosingAdminAsync(user.Id, cancellationToken) is { } refused)
                return refused;
            if (losesAdmin)
                await db.SsoBreakGlassAdmins.Where(a => a.UserId == user.Id).ExecuteDeleteAsync(cancellationToken);

            var changes = new List<string>();
            if (displayNameCheck is { Value: var displayName } && displayName != user.DisplayName)
            {
                if (user.RefuseRenameBy(tenant) is { } kept)
                    return kept;
                user.DisplayName = displayName;
                changes.Add($"name '{displayName}'");
            }
            var rightsChanged = false;
            if (request.IsActive is { } active && active != user.IsActive)
            {
                user.IsActive = active;
                // Coming back must not revive cookies or tokens from before the deactivation.
                user.EndSessions();
                rightsChanged = true;
                changes.Add(active ? "reactivated" : "deactivated");
            }
            if (request.Role is { } newRole && newRole != currentRole)
            {
                if (currentRole is not null)
                    await users.RemoveFromRoleAsync(user, currentRole);
                await users.AddToRoleAsync(user, newRole);
                rightsChanged = true;
                changes.Add($"role {newRole}");
            }
            // A new security stamp ends every access token issued before; portal sessions re-read their rights.
            if (rightsChanged)
            {
                db.AccessChanges.Add(AccessChange.Of(user.Id, time.GetUtcNow()));
                await users.UpdateSecurityStampAsync(user);
            }
            if (changes.Count > 0)
            {
                audit.Record(AuditActions.UserUpdated, "user", user.Id, $"{user.Email}: {string.Join(", ", changes)}");
                events.Record(EventTypes.UserUpdated, user.Id, user.ToView(request.Role ?? currentRole ?? Roles.Member));
                await db.SaveChangesAsync(cancellationToken);
            }
            return rightsChanged;
        }, cancellationToken);
        if (!outcome.Succeeded)
            return outcome.Failure;
        if (outcome.Value)
            access.Publish(id);
        return await GetAsync(id, cancellationToken);
    }

    /// <summary>Sets a new password (generated when none is given) and signs the user out everywhere.</summary>
    public async Task<Result<string>> ResetPasswordAsync(Guid id, string? newPassword, CancellationToken cancellationToken = default)
    {
        if (await authority.AuthorizeAsync(TenantWrites.ResetPassword, cancellationToken) is { } refused)
            return refused;
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (user is null)
            return Failure.NotFound("The user");
        var password = string.IsNullOrEmpty(newPassword) ? PasswordGenerator.Generate() : newPassword;
        var problems = await PasswordCheck.ProblemsAsync(users, user, password);
        if (problems.Length > 0)
            return Failure.Invalid(new Dictionary<string, string[]> { ["password"] = problems });
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await users.RemovePasswordAsync(user);
        await users.AddPasswordAsync(user, password);
        await users.SetLockoutEndDateAsync(user, null);
        // Setting the password has changed the security stamp already, which ends every access token issued before.
        user.EndSessions();
        db.AccessChanges.Add(AccessChange.Of(user.Id, time.GetUtcNow()));
        audit.Record(AuditActions.UserPasswordReset, "user", user.Id, user.Email);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        access.Publish(id);
        return password;
    }

    /// <summary>Ends every portal session and access token of the user; personal access tokens stay (revoke those by name).</summary>
    public async Task<Result<UserView>> SignOutEverywhereAsync(Guid id, CancellationToken cancellationToken = default)
    {
        if (await authority.AuthorizeAsync(TenantWrites.SignUserOut, cancellationToken) is { } forbidden)
            return forbidden;
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (user is null)
            return Failure.NotFound("The user");
        user.EndSessions();
        await users.UpdateSecurityStampAsync(user);
        db.AccessChanges.Add(AccessChange.Of(user.Id, time.GetUtcNow()));
        audit.Record(AuditActions.UserSignedOutEverywhere, "user", user.Id, user.Email);
        await db.SaveChangesAsync(cancellationToken);
        access.Publish(id);
        return await GetAsync(id, cancellationToken);
    }

    public async Task<Result<UserView>> DeleteAsync(Guid id, Func<UserView, bool>? isCurrent = null, CancellationToken cancellationToken = default)
    {
        if (await authority.AuthorizeAsync(TenantWrites.DeleteUser, cancellationToken) is { } forbidden)
            return forbidden;
        var outcome = await admins.WithCustomerLockedAsync(async () =>
        {
            var view = await GetAsync(id, cancellationToken);
            if (!view.Succeeded)
                return view;
            if (isCurrent?.Invoke(view.Value) == false)
                return VersionMatch.Stale("The user");
            if (view.Value.Role == Roles.Admin && view.Value.IsActive && await admins.IsLastActiveAdminAsync(id, cancellationToken))
                return AdminRules.LastAdmin;
            if (await admins.IsLastBreakGlassAdminAsync(id, cancellationToken))
                return AdminRules.LastBreakGlassAdmin;
            var user = await db.Users.FirstAsync(u => u.Id == id, cancellationToken);
            db.Users.Remove(user);
            db.AccessChanges.Add(AccessChange.Of(user.Id, time.GetUtcNow()));
            audit.Record(AuditActions.UserDeleted, "user", user.Id, user.Email);
            events.Record(EventTypes.UserDeleted, user.Id, view.Value);
            await db.SaveChangesAsync(cancellationToken);
            return view;
        }, cancellationToken);
        if (outcome.Succeeded)
            access.Publish(id);
        return outcome;
    }

    /// <summary>
    /// Takes the person from the directory's keeping: their name is then changed in the portal, and the directory's next
    /// write (a sync) keeps them again.
    /// </summary>
    public async Task<Result<UserView>> DetachFromDirectoryAsync(Guid id, CancellationToken cancellationToken = default)
    {
        if (await authority.AuthorizeAsync(TenantWrites.DetachUser, cancellationToken) is { } forbidden)
            return forbidden;
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (user is null)
            return Failure.NotFound("The user");
        if (user.DirectoryManaged)
        {
            user.DirectoryManaged = false;
            audit.Record(AuditActions.UserDetached, "user", user.Id, user.Email);
            events.Record(EventTypes.UserUpdated, user.Id, user.ToView(await Roles.OfUserAsync(db, user.Id, cancellationToken) ?? Roles.Member));
            await db.SaveChangesAsync(cancellationToken);
        }
        return await GetAsync(id, cancellationToken);
    }

    private IQueryable<UserView> Project(IQueryable<User> source) =>
        source.Select(u => new UserView(
            u.Id, u.Email!, u.DisplayName,
            db.UserRoles.Where(r => r.UserId == u.Id).Join(db.Roles, r => r.RoleId, role => role.Id, (_, role) => role.Name!).FirstOrDefault() ?? Roles.Member,
            u.IsActive, u.CreatedAt, u.DirectoryManaged));
}

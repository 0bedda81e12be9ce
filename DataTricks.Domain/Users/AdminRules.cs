using DataTricks.Domain.Common;
using DataTricks.Domain.Infrastructure.Persistence;
using DataTricks.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace DataTricks.Domain.Users;

/// <summary>
/// Who a customer's admins are, and the rules every path that changes them keeps (the portal, the API, single
/// sign-on's settings, the directory over SCIM): a customer keeps an active admin, and one that requires single
/// sign-on keeps an admin who may use a password. Changes to who the admins are run one at a time per customer.
/// </summary>
public sealed class AdminRules(DataTricksDbContext db, ITenantContext tenant)
{
    /// <summary>The customer's active admins.</summary>
    public async Task<IQueryable<User>> ActiveAdminsAsync(CancellationToken cancellationToken)
    {
        var adminRoleId = await db.Roles.Where(r => r.Name == Roles.Admin).Select(r => r.Id).SingleAsync(cancellationToken);
        return db.Users.Where(u => u.IsActive && db.UserRoles.Any(r => r.UserId == u.Id && r.RoleId == adminRoleId));
    }

    /// <summary>Whether no active admin but <paramref name="userId"/> is left.</summary>
    public async Task<bool> IsLastActiveAdminAsync(Guid userId, CancellationToken cancellationToken) =>
        !await (await ActiveAdminsAsync(cancellationToken)).AnyAsync(u => u.Id != userId, cancellationToken);

    /// <summary>Whether the customer requires single sign-on and this user is the one admin left who may still use a password.</summary>
    public async Task<bool> IsLastBreakGlassAdminAsync(Guid userId, CancellationToken cancellationToken) =>
        await db.SsoConnections.Where(c => c.RequireSso).SelectMany(c => c.BreakGlassAdmins).Select(a => a.UserId).ToListAsync(cancellationToken) is [var only]
        && only == userId;

    /// <summary>Why <paramref name="userId"/>, an active admin, may not stop being one; null when they may.</summary>
    public async Task<Failure?> RefuseLosingAdminAsync(Guid userId, CancellationToken cancellationToken) =>
        await IsLastActiveAdminAsync(userId, cancellationToken) ? LastAdmin
        : await IsLastBreakGlassAdminAsync(userId, cancellationToken) ? LastBreakGlassAdmin
        : null;

    public static Failure LastAdmin => Failure.Conflict(ProblemCodes.LastAdmin, "This is the customer's last active admin: make someone else an admin first.");

    public static Failure LastBreakGlassAdmin => Failure.Conflict(ProblemCodes.LastBreakGlassAdmin,
        "This is the only admin who can sign in with a password while single sign-on is required: name another break-glass admin in Settings first.");

    /// <summary>
    /// Runs <paramref name="write"/> in a transaction that first locks the customer's row, so changes to who the
    /// admins are happen one at a time on every provider: the last-admin check then sees every earlier change.
    /// </summary>
    public async Task<Result<T>> WithCustomerLockedAsync<T>(Func<Task<Result<T>>> write, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // SQLite serializes write transactions anyway; on PostgreSQL this lock is what holds (LastAdminRaceTests race it there).
        await db.Customers.Where(c => c.Id == tenant.CustomerId).ExecuteUpdateAsync(set => set.SetProperty(c => c.Name, c => c.Name), cancellationToken);
        var result = await write();
        if (result.Succeeded)
            await transaction.CommitAsync(cancellationToken);
        return result;
    }
}

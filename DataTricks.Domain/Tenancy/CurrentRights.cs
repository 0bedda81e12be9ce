using DataTricks.Domain.Impersonation;
using DataTricks.Domain.Infrastructure.Persistence;
using DataTricks.Domain.Users;
using Microsoft.EntityFrameworkCore;

namespace DataTricks.Domain.Tenancy;

/// <summary>
/// What the person behind a long-lived scope (an open page's circuit) may do now, as the database says: a demoted
/// admin is a member, a deactivated user and staff whose impersonation ended see nothing of the customer. An open page
/// asks before each call, so an action is judged by the rights of this moment, whichever node changed them.
/// </summary>
public sealed class CurrentRights(DataTricksDbContext db, ImpersonationService impersonation)
{
    public async Task<TenantScope> RefreshAsync(TenantScope scope, CancellationToken cancellationToken = default)
    {
        // Scopes not made for a person (the worker, tests' bare customer scopes) have nobody to re-read.
        if (scope.IsSystem || scope.UserId is not { } userId)
            return scope;
        var user = await db.Users.IgnoreQueryFilters([DataTricksDbContext.TenantFilter])
            .Where(u => u.Id == userId && u.IsActive)
            .Select(u => new
            {
                u.CustomerId,
                Roles = db.UserRoles.Where(r => r.UserId == u.Id).Join(db.Roles, r => r.RoleId, role => role.Id, (_, role) => role.Name).ToList(),
            })
            .FirstOrDefaultAsync(cancellationToken);
        if (user is null)
            return TenantScope.None;
        if (user.Roles.Contains(Roles.Support))
            return await impersonation.GetActiveAsync(userId, cancellationToken) is { } active
                ? TenantScope.ForImpersonation(active.CustomerId, userId, active.ExpiresAt)
                : new TenantScope(null, userId);
        return user.Roles.Contains(Roles.Admin) ? TenantScope.ForAdmin(user.CustomerId, userId) : TenantScope.ForCustomer(user.CustomerId, userId);
    }
}

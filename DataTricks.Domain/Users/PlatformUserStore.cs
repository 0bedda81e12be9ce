using DataTricks.Domain.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace DataTricks.Domain.Users;

/// <summary>
/// Identity's store, looking users up across customers: the e-mail is the login platform-wide, and signing in,
/// validating a cookie or checking that an e-mail is free all happen before any tenant is known.
/// Tenant-scoped listings of users go through the filtered <see cref="DataTricksDbContext.Users"/>, never through this store.
/// </summary>
public sealed class PlatformUserStore(DataTricksDbContext context, IdentityErrorDescriber? describer = null)
    : UserStore<User, IdentityRole<Guid>, DataTricksDbContext, Guid>(context, describer)
{
    public override IQueryable<User> Users => base.Users.IgnoreQueryFilters([DataTricksDbContext.TenantFilter]);

    public override Task<User?> FindByIdAsync(string userId, CancellationToken cancellationToken = default) =>
        Guid.TryParse(userId, out var id)
            ? Users.FirstOrDefaultAsync(u => u.Id == id, cancellationToken)
            : Task.FromResult<User?>(null);
}

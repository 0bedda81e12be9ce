using DataTricks.Domain.Infrastructure.Persistence;
using DataTricks.Domain.Tenancy;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

using DataTricks.Domain.Users;

namespace DataTricks.Domain.Infrastructure.Identity;

/// <summary>
/// Identity's store. A user is found by id across customers (validating a cookie or a token happens before any tenant
/// is known), but by e-mail or user name only within the customer of the current scope: an address is unique per
/// customer, not on the platform, so that no customer can learn whether an address has an account in another one.
/// Sign-in, which looks an address up in every customer, reads the users itself (see <c>PasswordSignIn</c>).
/// Tenant-scoped listings of users go through the filtered <see cref="DataTricksDbContext.Users"/>, never through this store.
/// </summary>
public sealed class PlatformUserStore(DataTricksDbContext context, ITenantContext tenant, IdentityErrorDescriber? describer = null)
    : UserStore<User, IdentityRole<Guid>, DataTricksDbContext, Guid>(context, describer)
{
    public override IQueryable<User> Users => base.Users.IgnoreQueryFilters([DataTricksDbContext.TenantFilter]);

    public override Task<User?> FindByIdAsync(string userId, CancellationToken cancellationToken = default) =>
        Guid.TryParse(userId, out var id)
            ? Users.FirstOrDefaultAsync(u => u.Id == id, cancellationToken)
            : Task.FromResult<User?>(null);

    public override Task<User?> FindByEmailAsync(string normalizedEmail, CancellationToken cancellationToken = default) =>
        OfScopedCustomer().FirstOrDefaultAsync(u => u.NormalizedEmail == normalizedEmail, cancellationToken);

    public override Task<User?> FindByNameAsync(string normalizedUserName, CancellationToken cancellationToken = default) =>
        OfScopedCustomer().FirstOrDefaultAsync(u => u.NormalizedUserName == normalizedUserName, cancellationToken);

    private IQueryable<User> OfScopedCustomer()
    {
        var customerId = tenant.CustomerId
            ?? throw new InvalidOperationException("An e-mail address is unique within a customer: look it up in a scope that names one.");
        return Users.Where(u => u.CustomerId == customerId);
    }
}

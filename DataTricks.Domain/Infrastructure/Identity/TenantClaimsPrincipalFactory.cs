using System.Security.Claims;
using DataTricks.Domain.Tenancy;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

using DataTricks.Domain.Users;

namespace DataTricks.Domain.Infrastructure.Identity;

/// <summary>Adds the user's customer and display name to the principal that cookies and access tokens carry.</summary>
public sealed class TenantClaimsPrincipalFactory(
    UserManager<User> userManager, RoleManager<IdentityRole<Guid>> roleManager, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<User, IdentityRole<Guid>>(userManager, roleManager, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(User user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(TenantClaimTypes.CustomerId, user.CustomerId.ToString()));
        identity.AddClaim(new Claim(TenantClaimTypes.DisplayName, user.DisplayName));
        identity.AddClaim(new Claim(TenantClaimTypes.SessionStamp, user.SessionStamp));
        return identity;
    }
}

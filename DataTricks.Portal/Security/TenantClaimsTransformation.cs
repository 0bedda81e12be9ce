using System.Globalization;
using System.Security.Claims;
using DataTricks.Domain.Impersonation;
using DataTricks.Domain.Infrastructure.Persistence;
using DataTricks.Domain.Tenancy;
using DataTricks.Domain.Users;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DataTricks.Portal.Security;

/// <summary>
/// Runs on every authenticated request, whatever the scheme, so rights follow the database at once: a deactivated (or
/// deleted) user, or a principal whose security stamp is no longer the user's (an access token issued before a role
/// change, deactivation, password reset or sign-out everywhere), becomes anonymous. A support user's active
/// impersonation is added as claims, which policies and the tenant scope read. A provider's person on the way to a
/// single sign-on is left as the provider described them, and so is a customer's directory (SCIM).
/// </summary>
public sealed class TenantClaimsTransformation(DataTricksDbContext db, ImpersonationService impersonation, IOptions<IdentityOptions> identity)
    : IClaimsTransformation
{
    private const string CheckedClaim = "tenancy_checked";

    public async Task<ClaimsPrincipal> TransformAsync(ClaimsPrincipal principal)
    {
        if (principal.Identity?.IsAuthenticated != true || principal.HasClaim(c => c.Type == CheckedClaim))
            return principal;
        // A provider's person on the way in (the external cookie, read by the single sign-on completion only): not a user yet.
        if (principal.HasClaim(c => c.Type == SingleSignOn.SsoSchemes.CustomerClaim))
            return principal;
        // A customer's directory: its SCIM token was checked against the database as it was presented, and names no user.
        if (principal.Identity.AuthenticationType == Scim.ScimTokenHandler.SchemeName)
            return principal;
        if (!Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var userId))
            return Anonymous;
        var stamp = await db.Users.IgnoreQueryFilters([DataTricksDbContext.TenantFilter])
            .Where(u => u.Id == userId && u.IsActive).Select(u => u.SecurityStamp).FirstOrDefaultAsync();
        if (stamp is null || principal.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType) != stamp)
            return Anonymous;

        var transformed = principal.Clone();
        var claims = (ClaimsIdentity)transformed.Identity!;
        claims.AddClaim(new Claim(CheckedClaim, "true"));
        if (principal.IsInRole(Roles.Support) && await impersonation.GetActiveAsync(userId) is { } session)
        {
            claims.AddClaim(new Claim(TenantClaimTypes.ImpersonatedCustomerId, session.CustomerId.ToString()));
            claims.AddClaim(new Claim(TenantClaimTypes.ImpersonatedCustomerName, session.CustomerName));
            claims.AddClaim(new Claim(TenantClaimTypes.ImpersonationExpiresAt, session.ExpiresAt.ToString("O", CultureInfo.InvariantCulture)));
        }
        return transformed;
    }

    private static ClaimsPrincipal Anonymous => new(new ClaimsIdentity());

    private static readonly string[] AddedClaimTypes =
        [CheckedClaim, TenantClaimTypes.ImpersonatedCustomerId, TenantClaimTypes.ImpersonatedCustomerName, TenantClaimTypes.ImpersonationExpiresAt];

    /// <summary>The principal without what this transformation added, so it can be transformed again from current data.</summary>
    public static ClaimsPrincipal Untransformed(ClaimsPrincipal principal)
    {
        var identity = (ClaimsIdentity)principal.Identity!;
        return new ClaimsPrincipal(new ClaimsIdentity(
            identity.Claims.Where(c => !AddedClaimTypes.Contains(c.Type)), identity.AuthenticationType, identity.NameClaimType, identity.RoleClaimType));
    }
}

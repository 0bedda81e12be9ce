using System.Globalization;
using System.Security.Claims;
using DataTricks.Domain.Impersonation;
using DataTricks.Domain.Persistence;
using DataTricks.Domain.Tenancy;
using DataTricks.Domain.Users;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;

namespace DataTricks.Portal.Security;

/// <summary>
/// Runs on every authenticated request, whatever the scheme: a deactivated (or deleted) user becomes anonymous at
/// once, and a support user's active impersonation is added as claims, which policies and the tenant scope read.
/// </summary>
public sealed class TenantClaimsTransformation(DataTricksDbContext db, ImpersonationService impersonation) : IClaimsTransformation
{
    private const string CheckedClaim = "tenancy_checked";

    public async Task<ClaimsPrincipal> TransformAsync(ClaimsPrincipal principal)
    {
        if (principal.Identity?.IsAuthenticated != true || principal.HasClaim(c => c.Type == CheckedClaim))
            return principal;
        if (!Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var userId))
            return new ClaimsPrincipal(new ClaimsIdentity());
        var active = await db.Users.IgnoreQueryFilters([DataTricksDbContext.TenantFilter]).AnyAsync(u => u.Id == userId && u.IsActive);
        if (!active)
            return new ClaimsPrincipal(new ClaimsIdentity());

        var transformed = principal.Clone();
        var identity = (ClaimsIdentity)transformed.Identity!;
        identity.AddClaim(new Claim(CheckedClaim, "true"));
        if (principal.IsInRole(Roles.Support) && await impersonation.GetActiveAsync(userId) is { } session)
        {
            identity.AddClaim(new Claim(TenantClaimTypes.ImpersonatedCustomerId, session.CustomerId.ToString()));
            identity.AddClaim(new Claim(TenantClaimTypes.ImpersonatedCustomerName, session.CustomerName));
            identity.AddClaim(new Claim(TenantClaimTypes.ImpersonationExpiresAt, session.ExpiresAt.ToString("O", CultureInfo.InvariantCulture)));
        }
        return transformed;
    }
}

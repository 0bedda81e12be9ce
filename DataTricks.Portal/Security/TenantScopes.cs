using System.Globalization;
using System.Security.Claims;
using DataTricks.Domain.Tenancy;
using DataTricks.Domain.Users;

namespace DataTricks.Portal.Security;

/// <summary>Turns the caller's claims into the scope of their unit of work.</summary>
public static class TenantScopes
{
    public static TenantScope FromPrincipal(ClaimsPrincipal principal)
    {
        // The customer's directory over SCIM: only the SCIM token handler issues this claim.
        if (principal.Identity?.IsAuthenticated == true && principal.FindFirstValue(Scim.ScimTokenHandler.DirectoryClaim) is { } directory
            && Guid.TryParse(principal.FindFirstValue(TenantClaimTypes.CustomerId), out var directoryCustomer))
            return TenantScope.ForDirectory(directoryCustomer, directory);

        if (principal.Identity?.IsAuthenticated != true || !Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var userId))
            return TenantScope.None;

        // Support staff see no customer's data unless they impersonate one.
        if (principal.IsInRole(Roles.Support))
            return ImpersonatedCustomer(principal) is { } impersonated
                ? TenantScope.ForImpersonation(impersonated.CustomerId, userId, impersonated.ExpiresAt)
                : new TenantScope(null, userId);

        if (!Guid.TryParse(principal.FindFirstValue(TenantClaimTypes.CustomerId), out var customerId))
            return TenantScope.None;
        // The role claim is current: the claims transformation refuses principals whose security stamp is stale.
        return principal.IsInRole(Roles.Admin) ? TenantScope.ForAdmin(customerId, userId) : TenantScope.ForCustomer(customerId, userId);
    }

    /// <summary>The caller's scope now: none once an impersonation has run out, however long the circuit or cookie lives.</summary>
    public static TenantScope Current(ClaimsPrincipal principal, TimeProvider time)
    {
        var scope = FromPrincipal(principal);
        return scope.ImpersonationExpiresAt is { } expiresAt && time.GetUtcNow() >= expiresAt ? TenantScope.None : scope;
    }

    public static (Guid CustomerId, string CustomerName, DateTimeOffset ExpiresAt)? ImpersonatedCustomer(ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirstValue(TenantClaimTypes.ImpersonatedCustomerId), out var customerId)
        && DateTimeOffset.TryParse(principal.FindFirstValue(TenantClaimTypes.ImpersonationExpiresAt), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var expiresAt)
            ? (customerId, principal.FindFirstValue(TenantClaimTypes.ImpersonatedCustomerName) ?? "", expiresAt)
            : null;
}

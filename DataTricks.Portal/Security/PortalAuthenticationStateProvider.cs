using System.Security.Claims;
using DataTricks.Domain.Impersonation;
using DataTricks.Domain.Tenancy;
using DataTricks.Domain.Users;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace DataTricks.Portal.Security;

/// <summary>
/// Re-checks an open circuit's user every minute: a deactivated user, a changed security stamp or an ended
/// impersonation signs the circuit out instead of leaving it open with stale rights.
/// </summary>
public sealed class PortalAuthenticationStateProvider(
    ILoggerFactory loggerFactory, IServiceScopeFactory scopeFactory, IOptions<IdentityOptions> options)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(1);

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        var principal = authenticationState.User;
        await using var scope = scopeFactory.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
        var user = await users.GetUserAsync(principal);
        if (user is null || !user.IsActive)
            return false;
        if (users.SupportsUserSecurityStamp
            && principal.FindFirstValue(options.Value.ClaimsIdentity.SecurityStampClaimType) != await users.GetSecurityStampAsync(user))
            return false;
        if (TenantScopes.ImpersonatedCustomer(principal) is { } impersonated)
        {
            var active = await scope.ServiceProvider.GetRequiredService<ImpersonationService>().GetActiveAsync(user.Id, cancellationToken);
            return active?.CustomerId == impersonated.CustomerId;
        }
        return true;
    }
}

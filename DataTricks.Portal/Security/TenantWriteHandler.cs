using DataTricks.Domain.Tenancy;
using Microsoft.AspNetCore.Authorization;

namespace DataTricks.Portal.Security;

/// <summary>The caller acts inside a customer and may make the <see cref="TenantWrite"/> given as the resource.</summary>
public sealed class TenantWriteRequirement : IAuthorizationRequirement;

/// <summary>
/// Lets pages show only the actions the services would accept, asking the same rule (<see cref="TenantWrite.Permits"/>),
/// so support staff acting in a customer see no button for what the allowlist does not name.
/// </summary>
public sealed class TenantWriteHandler(TimeProvider time) : AuthorizationHandler<TenantWriteRequirement, TenantWrite>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, TenantWriteRequirement requirement, TenantWrite write)
    {
        var scope = TenantScopes.Current(context.User, time);
        if (scope.CustomerId is not null && write.Permits(scope.IsAdmin, scope.IsImpersonation))
            context.Succeed(requirement);
        return Task.CompletedTask;
    }
}

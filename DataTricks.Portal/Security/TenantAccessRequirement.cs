using DataTricks.Domain.Users;
using Microsoft.AspNetCore.Authorization;

namespace DataTricks.Portal.Security;

/// <summary>The caller acts inside a customer (and, when <see cref="AdminOnly"/>, may change it).</summary>
public sealed record TenantAccessRequirement(bool AdminOnly) : IAuthorizationRequirement;

public sealed class TenantAccessHandler(TimeProvider time) : AuthorizationHandler<TenantAccessRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, TenantAccessRequirement requirement)
    {
        var scope = TenantScopes.Current(context.User, time);
        if (scope.CustomerId is null)
            return Task.CompletedTask;
        if (!requirement.AdminOnly || scope.IsImpersonation || context.User.IsInRole(Roles.Admin))
            context.Succeed(requirement);
        return Task.CompletedTask;
    }
}

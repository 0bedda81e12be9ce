using DataTricks.Domain.Tenancy;

namespace DataTricks.Portal.Security;

/// <summary>Sets the request's tenant scope from the authenticated caller, after authorization has chosen the scheme.</summary>
public sealed class TenantScopeMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context, TenantContext tenant)
    {
        tenant.Set(TenantScopes.FromPrincipal(context.User));
        return next(context);
    }
}

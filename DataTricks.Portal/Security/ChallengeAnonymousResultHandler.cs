using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace DataTricks.Portal.Security;

/// <summary>
/// A caller whose credentials were valid but whose user is gone or deactivated (the claims transformation made them
/// anonymous) is challenged, answering 401 or a sign-in redirect, rather than forbidden with 403.
/// </summary>
public sealed class ChallengeAnonymousResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden && context.User.Identity?.IsAuthenticated != true)
        {
            if (policy.AuthenticationSchemes.Count == 0)
                await context.ChallengeAsync();
            foreach (var scheme in policy.AuthenticationSchemes)
                await context.ChallengeAsync(scheme);
            return;
        }
        await _default.HandleAsync(next, context, policy, authorizeResult);
    }
}

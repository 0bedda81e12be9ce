using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using DataTricks.Domain.Tenancy;
using DataTricks.Domain.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace DataTricks.Portal.Security;

/// <summary>
/// Keeps a portal session (the cookie, and a Blazor circuit's principal) in step with the database. A session ends
/// when it was signed out, when the user is gone or inactive, or when their session stamp changed (password reset,
/// deactivation, sign-out everywhere); when only their rights changed (a new role), it continues with a principal made afresh.
/// </summary>
public sealed class SessionRefresher(
    UserManager<User> users, IUserClaimsPrincipalFactory<User> principals, IOptions<IdentityOptions> identity, PortalSessionService sessions)
{
    /// <summary>The principal the session should have now: the same one, a refreshed one, or null when the session is over.</summary>
    public async Task<ClaimsPrincipal?> RefreshAsync(ClaimsPrincipal session)
    {
        if (SignInOf(session) is not ({ } userId, { } sessionId)
            || await users.FindByIdAsync(userId.ToString()) is not { IsActive: true } user
            || session.FindFirstValue(TenantClaimTypes.SessionStamp) != user.SessionStamp
            || !await sessions.IsOpenAsync(sessionId, userId))
            return null;
        if (session.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType) == user.SecurityStamp)
            return session;
        var refreshed = await principals.CreateAsync(user);
        ((ClaimsIdentity)refreshed.Identity!).AddClaim(new Claim(TenantClaimTypes.SessionId, sessionId.ToString()));
        return refreshed;
    }

    /// <summary>Ends the caller's portal session on the server, so a copy of its cookie cannot be used after sign-out.</summary>
    public async Task EndAsync(ClaimsPrincipal session)
    {
        if (SignInOf(session) is ({ } userId, { } sessionId))
            await sessions.EndAsync(sessionId, userId);
    }

    /// <summary>The user and the portal sign-in a session's principal names; null when it names either badly.</summary>
    private static (Guid UserId, Guid SessionId)? SignInOf(ClaimsPrincipal session) =>
        Guid.TryParse(session.FindFirstValue(ClaimTypes.NameIdentifier), out var userId)
        && Guid.TryParse(session.FindFirstValue(TenantClaimTypes.SessionId), out var sessionId)
            ? (userId, sessionId)
            : null;

    /// <summary>For the cookie, on every request: end it, or re-issue it with the current rights.</summary>
    public static async Task ValidateCookieAsync(CookieValidatePrincipalContext context)
    {
        if (context.Principal is null)
            return;
        var current = await context.HttpContext.RequestServices.GetRequiredService<SessionRefresher>().RefreshAsync(context.Principal);
        if (current is null)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
        }
        else if (!ReferenceEquals(current, context.Principal))
        {
            context.ReplacePrincipal(current);
            context.ShouldRenew = true;
        }
    }
}

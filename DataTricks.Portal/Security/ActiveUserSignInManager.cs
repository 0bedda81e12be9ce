using System.Security.Claims;
using DataTricks.Domain.Tenancy;
using DataTricks.Domain.Users;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace DataTricks.Portal.Security;

/// <summary>
/// Identity's sign-in manager that also refuses deactivated users, for the cookie and the token endpoint alike, and
/// names each portal sign-in in its cookie (a <see cref="PortalSession"/>), so that signing out can end it on the server.
/// </summary>
public sealed class ActiveUserSignInManager(
    UserManager<User> userManager, IHttpContextAccessor contextAccessor, IUserClaimsPrincipalFactory<User> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor, ILogger<SignInManager<User>> logger, IAuthenticationSchemeProvider schemes,
    IUserConfirmation<User> confirmation, PortalSessionService sessions)
    : SignInManager<User>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    public override async Task<bool> CanSignInAsync(User user) => user.IsActive && await base.CanSignInAsync(user);

    public override async Task SignInWithClaimsAsync(User user, AuthenticationProperties? authenticationProperties, IEnumerable<Claim> additionalClaims)
    {
        var session = await sessions.StartAsync(user);
        await base.SignInWithClaimsAsync(user, authenticationProperties, [.. additionalClaims, new Claim(TenantClaimTypes.SessionId, session.ToString())]);
    }
}

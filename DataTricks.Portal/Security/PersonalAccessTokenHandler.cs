using System.Text.Encodings.Web;
using DataTricks.Domain.AccessTokens;
using DataTricks.Domain.Users;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace DataTricks.Portal.Security;

/// <summary>Authenticates <c>Authorization: Bearer dtp_...</c> personal access tokens.</summary>
public sealed class PersonalAccessTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    AccessTokenService tokens, IUserClaimsPrincipalFactory<User> principals)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "PersonalAccessToken";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (ApiAuthentication.BearerToken(Request) is not { } presented || !presented.StartsWith(TokenSecret.Scheme, StringComparison.Ordinal))
            return AuthenticateResult.NoResult();
        var user = await tokens.AuthenticateAsync(presented, Context.RequestAborted);
        if (user is null)
            return AuthenticateResult.Fail("The token is unknown, revoked or expired.");
        var principal = await principals.CreateAsync(user);
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }
}

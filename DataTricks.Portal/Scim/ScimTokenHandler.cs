using System.Security.Claims;
using System.Text.Encodings.Web;
using DataTricks.Domain.Scim;
using DataTricks.Domain.Tenancy;
using DataTricks.Portal.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace DataTricks.Portal.Scim;

/// <summary>
/// Authenticates <c>Authorization: Bearer dts_…</c> SCIM tokens, for <c>/scim/v2</c> only: the principal is the
/// customer's directory, named by its token, and no user. Nothing else accepts this scheme, and this scheme accepts
/// nothing else, so a SCIM token cannot call the API and an API token cannot provision.
/// </summary>
public sealed class ScimTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ScimTokenService tokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ScimToken";

    /// <summary>The claim that makes a principal the directory: the token's name. Only this handler issues it.</summary>
    public const string DirectoryClaim = "scim_directory";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (ApiAuthentication.BearerToken(Request) is not { } presented)
            return AuthenticateResult.NoResult();
        if (await tokens.AuthenticateAsync(presented, Context.RequestAborted) is not { } directory)
            return AuthenticateResult.Fail("The SCIM token is unknown, revoked or expired.");
        var identity = new ClaimsIdentity(
            [
                new Claim(TenantClaimTypes.CustomerId, directory.CustomerId.ToString()),
                new Claim(DirectoryClaim, directory.TokenName),
                new Claim(ClaimTypes.Name, $"directory ({directory.TokenName})"),
            ], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer realm=\"DataTricks SCIM\"";
        return Task.CompletedTask;
    }
}

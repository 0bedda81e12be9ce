using System.Security.Claims;
using DataTricks.Domain.Infrastructure.Persistence;
using DataTricks.Domain.SingleSignOn;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace DataTricks.Portal.SingleSignOn;

/// <summary>
/// Builds a customer's OpenID Connect options from its stored connection for the request that uses them (a challenge
/// or the callback), so a change an admin saves applies to the next sign-in on every node. The protocol is ASP.NET
/// Core's own handler: the authorization code flow with PKCE, state and nonce, the ID token checked for issuer,
/// audience, signature, lifetime and nonce.
/// </summary>
public sealed class SsoHandlerOptions(
    DataTricksDbContext db, IDataProtectionProvider protection, IOptionsMonitorCache<OpenIdConnectOptions> cache, SsoProviderMetadata metadata,
    IHttpClientFactory clients, IOptions<SsoOptions> sso, ILogger<SsoHandlerOptions> logger)
{
    /// <summary>The key of the login hint in a challenge's properties: the address the person typed, passed on to the provider.</summary>
    public const string LoginHintItem = "login_hint";

    /// <summary>Where the person goes after signing in, kept for a retry.</summary>
    public const string ReturnUrlItem = "return_url";

    /// <summary>Set on the one retry after a token signed with a key the portal did not hold yet.</summary>
    public const string RetriedItem = "retried";

    private static readonly string[] AsymmetricAlgorithms =
    [
        SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
        SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.RsaSsaPssSha384, SecurityAlgorithms.RsaSsaPssSha512,
        SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384, SecurityAlgorithms.EcdsaSha512,
    ];

    private bool? _prepared;

    /// <summary>Whether the customer has single sign-on; if so, its options are in place under <paramref name="scheme"/> for this request.</summary>
    public async Task<bool> PrepareAsync(string scheme, Guid customerId, CancellationToken cancellationToken)
    {
        if (_prepared is { } known)
            return known;
        // Before anyone is signed in there is no tenant: the connection is read by its customer's id.
        var connection = await db.SsoConnections.IgnoreQueryFilters([DataTricksDbContext.TenantFilter]).AsNoTracking()
            .FirstOrDefaultAsync(c => c.CustomerId == customerId, cancellationToken);
        _prepared = connection is not null;
        if (connection is null)
            return false;
        var options = Build(connection);
        new OpenIdConnectPostConfigureOptions(protection).PostConfigure(scheme, options);
        cache.TryRemove(scheme);
        cache.TryAdd(scheme, options);
        return true;
    }

    private OpenIdConnectOptions Build(SsoConnection connection)
    {
        var options = new OpenIdConnectOptions
        {
            Authority = connection.Issuer,
            ClientId = connection.ClientId,
            ClientSecret = protection.CreateProtector(SsoConnectionService.SecretPurpose).Unprotect(connection.ProtectedClientSecret),
            CallbackPath = SsoSchemes.CallbackPathOf(connection.CustomerId),
            SignInScheme = IdentityConstants.ExternalScheme,
            ResponseType = OpenIdConnectResponseType.Code,
            // Back by a top-level GET, which brings the correlation and nonce cookies along as SameSite=Lax.
            ResponseMode = OpenIdConnectResponseMode.Query,
            UsePkce = true,
            // Providers put e-mail claims in the user info rather than the ID token of a code flow.
            GetClaimsFromUserInfoEndpoint = true,
            MapInboundClaims = false,
            SaveTokens = false,
            RequireHttpsMetadata = !sso.Value.AllowInsecureIssuers,
            ConfigurationManager = metadata.For(connection.Issuer),
            Backchannel = clients.CreateClient(OpenIdProviderCheck.HttpClientName),
        };
        options.Scope.Add("email");
        // The handler keeps only the user info claims it maps; whether the address is verified decides who a person is.
        options.ClaimActions.MapUniqueJsonKey("email_verified", "email_verified");
        options.TokenValidationParameters.ValidIssuer = connection.Issuer;
        options.TokenValidationParameters.ValidAudience = connection.ClientId;
        // Signed with the provider's published keys only: no "none", no secret-keyed HMAC.
        options.TokenValidationParameters.ValidAlgorithms = AsymmetricAlgorithms;
        options.CorrelationCookie.SameSite = SameSiteMode.Lax;
        options.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        options.NonceCookie.SameSite = SameSiteMode.Lax;
        options.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        var customerId = connection.CustomerId.ToString();
        options.Events = new OpenIdConnectEvents
        {
            OnRedirectToIdentityProvider = context =>
            {
                if (context.Properties.Items.TryGetValue(LoginHintItem, out var hint))
                    context.ProtocolMessage.LoginHint = hint;
                return Task.CompletedTask;
            },
            OnTokenValidated = context =>
            {
                // ASP.NET Core skips the signature of an ID token from the token endpoint, trusting the channel as the
                // specification allows; an unsigned token is refused all the same, whatever the channel.
                if ((context.TokenEndpointResponse?.IdToken ?? context.ProtocolMessage.IdToken) is not { } idToken || !IsSigned(idToken))
                {
                    context.Fail("The provider's ID token is not signed.");
                    return Task.CompletedTask;
                }
                (context.Principal!.Identity as ClaimsIdentity)!.AddClaim(new Claim(SsoSchemes.CustomerClaim, customerId));
                return Task.CompletedTask;
            },
            OnAccessDenied = context =>
            {
                context.Response.Redirect(SsoFailure.PathOf(context.Request, SsoFailure.RefusedByProvider));
                context.HandleResponse();
                return Task.CompletedTask;
            },
            OnRemoteFailure = context =>
            {
                var items = context.Properties?.Items;
                if (context.Failure is SecurityTokenSignatureKeyNotFoundException && items is not null && !items.ContainsKey(RetriedItem))
                {
                    // The provider rotated its keys: the handler has asked for them again, and the person's session at
                    // the provider makes a second round trip invisible to them.
                    logger.LogInformation("Single sign-on of customer {CustomerId} met a new signing key; trying once more", customerId);
                    context.Response.Redirect(context.Request.PathBase + SsoSignInEndpoints.StartPathOf(connection.CustomerId,
                        items.TryGetValue(ReturnUrlItem, out var returnUrl) ? returnUrl ?? "/" : "/",
                        items.TryGetValue(LoginHintItem, out var hint) ? hint : null, retried: true));
                }
                else
                {
                    logger.LogWarning(context.Failure, "Single sign-on of customer {CustomerId} failed at the callback", customerId);
                    context.Response.Redirect(SsoFailure.PathOf(context.Request, SsoFailure.ProviderError));
                }
                context.HandleResponse();
                return Task.CompletedTask;
            },
        };
        return options;
    }

    private static bool IsSigned(string idToken)
    {
        var token = new JsonWebToken(idToken);
        return !string.Equals(token.Alg, SecurityAlgorithms.None, StringComparison.OrdinalIgnoreCase) && token.EncodedSignature.Length > 0;
    }
}

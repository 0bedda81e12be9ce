using System.Security.Claims;
using DataTricks.Domain.SingleSignOn;
using DataTricks.Domain.Tenancy;
using DataTricks.Domain.Users;
using DataTricks.Portal.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace DataTricks.Portal.SingleSignOn;

/// <summary>
/// The browser's way through a customer's provider: <c>/sso/start/{customerId}</c> sends the person there (the handler
/// answers at <c>/signin-oidc/{customerId}</c>), and <c>/sso/complete/{customerId}</c> turns who the provider vouched
/// for into a portal session, or the failure page saying why not.
/// </summary>
public static class SsoSignInEndpoints
{
    public static IEndpointRouteBuilder MapSsoSignInEndpoints(this IEndpointRouteBuilder app)
    {
        var sso = app.MapGroup("/sso").AllowAnonymous().ExcludeFromDescription().RequireRateLimiting(SignInRateLimit.Policy);
        sso.MapGet("/start/{customerId:guid}", StartAsync);
        sso.MapGet("/complete/{customerId:guid}", CompleteAsync);
        return app;
    }

    /// <summary>The address to start a sign-in through <paramref name="customerId"/>'s provider, coming back to <paramref name="returnUrl"/>.</summary>
    public static string StartPathOf(Guid customerId, string returnUrl, string? loginHint = null, bool retried = false) =>
        $"/sso/start/{customerId}?returnUrl={Uri.EscapeDataString(returnUrl)}"
        + (loginHint is null ? "" : $"&loginHint={Uri.EscapeDataString(loginHint)}") + (retried ? "&retried=true" : "");

    private static async Task<IResult> StartAsync(
        Guid customerId, string? returnUrl, string? loginHint, bool? retried, HttpContext context, IAuthenticationSchemeProvider schemes, ILogger<SsoSignInService> logger)
    {
        var scheme = SsoSchemes.NameOf(customerId);
        if (await schemes.GetSchemeAsync(scheme) is null)
            return TypedResults.Redirect(SsoFailure.PathOf(context.Request, SsoFailure.Unavailable));
        var local = LocalUrl.Of(returnUrl);
        var properties = new AuthenticationProperties { RedirectUri = $"{context.Request.PathBase}/sso/complete/{customerId}?returnUrl={Uri.EscapeDataString(local)}" };
        properties.Items[SsoHandlerOptions.ReturnUrlItem] = local;
        if (!string.IsNullOrWhiteSpace(loginHint) && loginHint.Length <= EmailRules.MaxLength)
            properties.Items[SsoHandlerOptions.LoginHintItem] = loginHint.Trim();
        if (retried == true)
            properties.Items[SsoHandlerOptions.RetriedItem] = "true";
        try
        {
            await context.ChallengeAsync(scheme, properties);
            return Results.Empty;
        }
        catch (InvalidOperationException e)
        {
            // The provider's discovery document could not be read: it is down, or no longer where the settings say.
            logger.LogWarning(e, "Single sign-on of customer {CustomerId} could not start: the provider's configuration could not be read", customerId);
            return TypedResults.Redirect(SsoFailure.PathOf(context.Request, SsoFailure.ProviderError));
        }
    }

    private static async Task<IResult> CompleteAsync(
        Guid customerId, string? returnUrl, HttpContext context, SsoSignInService signIns, SignInManager<User> signInManager, ITenantContext tenant,
        ILogger<SsoSignInService> logger)
    {
        var external = await context.AuthenticateAsync(IdentityConstants.ExternalScheme);
        await context.SignOutAsync(IdentityConstants.ExternalScheme);
        // Only an identity this customer's own handler vouched for: another customer's callback cannot be replayed here.
        if (external.Principal is not { } principal || principal.FindFirstValue(SsoSchemes.CustomerClaim) != customerId.ToString()
            || principal.FindFirstValue("sub") is not { Length: > 0 } subject)
        {
            logger.LogWarning("Single sign-on of customer {CustomerId} came back without an identity its provider vouched for: {Claims}",
                customerId, external.Principal is null ? external.Failure?.Message ?? "no external sign-in" : string.Join(", ", external.Principal.Claims.Select(c => c.Type)));
            return TypedResults.Redirect(SsoFailure.PathOf(context.Request, SsoFailure.ProviderError));
        }

        var identity = new ProviderIdentity(subject, principal.FindFirstValue("email"),
            string.Equals(principal.FindFirstValue("email_verified"), "true", StringComparison.OrdinalIgnoreCase), principal.FindFirstValue("name"));
        var (user, refusal) = await signIns.SignInAsync(customerId, identity, context.RequestAborted);
        if (user is null)
            return TypedResults.Redirect(SsoFailure.PathOf(context.Request, SsoFailure.ReasonOf(refusal!.Value)));
        using (tenant.Use(TenantScope.ForCustomer(user.CustomerId, user.Id)))
        {
            // "amr" says how the cookie's holder signed in: through the customer's provider.
            await signInManager.SignInWithClaimsAsync(user, isPersistent: false, [new Claim("amr", "sso")]);
        }
        return TypedResults.LocalRedirect("~" + LocalUrl.Of(returnUrl));
    }
}

using DataTricks.Domain.Infrastructure.Persistence;
using DataTricks.Domain.Users;
using Microsoft.AspNetCore.DataProtection;
using DataTricks.Portal.Scim;
using DataTricks.Portal.Security;
using DataTricks.Portal.SingleSignOn;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Identity;

namespace DataTricks.Portal.Hosting;

public static class SecurityServiceCollectionExtensions
{
    /// <summary>Cookies for the portal, bearer tokens for the API, the policies, and the tenant scope of both.</summary>
    public static IServiceCollection AddDataTricksSecurity(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddHttpContextAccessor();
        // In the database, so a cookie or token issued by one portal process is honoured by every other; encrypted there.
        services.AddDataProtection().SetApplicationName("DataTricks").PersistKeysToDbContext<DataTricksDbContext>()
            .ProtectKeysAtRest(configuration, environment);
        new IdentityBuilder(typeof(User), typeof(IdentityRole<Guid>), services).AddSignInManager<ActiveUserSignInManager>();
        services.AddScoped<PasswordSignIn>();
        services.AddSignInRateLimiting();
        services.AddSingleton<ApiRateLimiter>();
        services.AddDataTricksSingleSignOn();

        services.AddAuthentication(options =>
            {
                options.DefaultScheme = IdentityConstants.ApplicationScheme;
                options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddBearerToken(IdentityConstants.BearerScheme, options => options.BearerTokenExpiration = ApiAuthentication.AccessTokenLifetime)
            .AddScheme<AuthenticationSchemeOptions, PersonalAccessTokenHandler>(PersonalAccessTokenHandler.SchemeName, null)
            .AddScheme<AuthenticationSchemeOptions, ScimTokenHandler>(ScimTokenHandler.SchemeName, null)
            .AddPolicyScheme(ApiAuthentication.Scheme, "API bearer tokens", options => options.ForwardDefaultSelector = ApiAuthentication.SelectScheme)
            .AddIdentityCookies();
        services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = "/account/login";
            options.LogoutPath = "/account/logout";
            options.AccessDeniedPath = "/account/access-denied";
            options.Cookie.Name = "DataTricks.Auth";
            options.SlidingExpiration = true;
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            // On every request, not Identity's periodic check: an ended session or a changed role takes effect at once.
            options.Events.OnValidatePrincipal = SessionRefresher.ValidateCookieAsync;
        });
        services.AddScoped<SessionRefresher>();
        services.AddScoped<IClaimsTransformation, TenantClaimsTransformation>();

        services.AddSingleton<IAuthorizationHandler, TenantAccessHandler>();
        services.AddSingleton<IAuthorizationHandler, TenantWriteHandler>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, ApiRateLimitResultHandler>();
        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.TenantMember, policy => policy.RequireAuthenticatedUser().AddRequirements(new TenantAccessRequirement(AdminOnly: false)))
            .AddPolicy(Policies.TenantAdmin, policy => policy.RequireAuthenticatedUser().AddRequirements(new TenantAccessRequirement(AdminOnly: true)))
            .AddPolicy(Policies.TenantWrite, policy => policy.RequireAuthenticatedUser().AddRequirements(new TenantWriteRequirement()))
            .AddPolicy(Policies.Support, policy => policy.RequireAuthenticatedUser().RequireRole(Roles.Support))
            .AddPolicy(ScimEndpoints.Policy, policy => policy.AddAuthenticationSchemes(ScimTokenHandler.SchemeName).RequireClaim(ScimTokenHandler.DirectoryClaim));

        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, PortalAuthenticationStateProvider>();
        services.AddScoped<CircuitHandler, TenantCircuitHandler>();
        services.AddScoped<CircuitClient>();
        services.AddScoped<CircuitHandler, CircuitClient.Handler>();
        return services;
    }
}

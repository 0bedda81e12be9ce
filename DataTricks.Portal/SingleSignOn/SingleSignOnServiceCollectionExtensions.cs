using DataTricks.Domain.SingleSignOn;
using Microsoft.AspNetCore.Authentication;

namespace DataTricks.Portal.SingleSignOn;

public static class SingleSignOnServiceCollectionExtensions
{
    /// <summary>What customers' OpenID providers are reached with.</summary>
    public static IServiceCollection AddDataTricksSingleSignOn(this IServiceCollection services)
    {
        // A provider's documents come from its own address: a redirect elsewhere is reported, not followed.
        services.AddHttpClient(OpenIdProviderCheck.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(10))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
        services.AddScoped<IIdentityProviderCheck, OpenIdProviderCheck>();
        // Each customer's provider is a scheme resolved when a request names it, not one registered at start.
        services.AddSingleton<IAuthenticationSchemeProvider, SsoSchemeProvider>();
        services.AddSingleton<SsoProviderMetadata>();
        services.AddScoped<SsoHandlerOptions>();
        return services;
    }
}

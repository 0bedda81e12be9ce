using System.Collections.Concurrent;
using DataTricks.Domain.SingleSignOn;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace DataTricks.Portal.SingleSignOn;

/// <summary>
/// One discovery document and key set per issuer for the node's life, shared by every sign-in through it: read once,
/// refreshed daily, and at once (no more than every half minute) when a token is signed by a key it does not hold, as
/// after the provider rotates its keys.
/// </summary>
public sealed class SsoProviderMetadata(IHttpClientFactory clients, IOptions<SsoOptions> options)
{
    private readonly ConcurrentDictionary<string, ConfigurationManager<OpenIdConnectConfiguration>> _managers = new(StringComparer.Ordinal);

    public ConfigurationManager<OpenIdConnectConfiguration> For(string issuer) =>
        _managers.GetOrAdd(issuer, key => new ConfigurationManager<OpenIdConnectConfiguration>(
            key.TrimEnd('/') + "/.well-known/openid-configuration",
            new OpenIdConnectConfigurationRetriever(),
            new HttpDocumentRetriever(clients.CreateClient(OpenIdProviderCheck.HttpClientName)) { RequireHttps = !options.Value.AllowInsecureIssuers })
        {
            AutomaticRefreshInterval = TimeSpan.FromHours(24),
            RefreshInterval = TimeSpan.FromSeconds(30),
        });
}

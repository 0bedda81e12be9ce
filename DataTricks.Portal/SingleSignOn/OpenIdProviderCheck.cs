using System.Net;
using DataTricks.Domain.SingleSignOn;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace DataTricks.Portal.SingleSignOn;

/// <summary>
/// Reads an issuer's discovery document and signing keys with the OpenID Connect library the sign-in uses, and says in
/// words what would stop a sign-in: unreachable, not an issuer, another issuer's document, no code flow, no keys.
/// </summary>
public sealed class OpenIdProviderCheck(IHttpClientFactory clients) : IIdentityProviderCheck
{
    /// <summary>The client that reads providers' documents: short timeout, no redirects followed.</summary>
    public const string HttpClientName = "sso-provider";

    public async Task<ProviderCheckResult> CheckAsync(string issuer, CancellationToken cancellationToken)
    {
        var http = clients.CreateClient(HttpClientName);
        var discoveryUrl = issuer.TrimEnd('/') + "/.well-known/openid-configuration";
        var discovery = await ReadAsync(http, discoveryUrl, "its discovery document", cancellationToken);
        if (discovery.Problem is { } unreachable)
            return ProviderCheckResult.Failed(unreachable);

        OpenIdConnectConfiguration configuration;
        try
        {
            configuration = OpenIdConnectConfiguration.Create(discovery.Body);
        }
        catch (ArgumentException)
        {
            return ProviderCheckResult.Failed($"{discoveryUrl} is not an OpenID Connect discovery document: is the issuer URL right?");
        }
        if (!string.Equals(configuration.Issuer, issuer, StringComparison.Ordinal))
            return ProviderCheckResult.Failed(configuration.Issuer is { Length: > 0 } named
                ? $"The discovery document names the issuer {named}, not {issuer}: enter {named} as the issuer."
                : $"{discoveryUrl} names no issuer: it is not an OpenID Connect discovery document.");
        if (configuration.ResponseTypesSupported.Count > 0 && !configuration.ResponseTypesSupported.Contains("code"))
            return ProviderCheckResult.Failed("The provider does not offer the authorization code flow (response type \"code\"), which DataTricks signs in with.");
        if (string.IsNullOrEmpty(configuration.AuthorizationEndpoint) || string.IsNullOrEmpty(configuration.TokenEndpoint) || string.IsNullOrEmpty(configuration.JwksUri))
            return ProviderCheckResult.Failed("The discovery document lacks an authorization endpoint, a token endpoint or a key set (jwks_uri).");

        var keys = await ReadAsync(http, configuration.JwksUri, "its signing keys", cancellationToken);
        if (keys.Problem is { } noKeys)
            return ProviderCheckResult.Failed(noKeys);
        try
        {
            var set = JsonWebKeySet.Create(keys.Body);
            if (set.Keys.Count(k => k.Use is null or "sig") == 0)
                return ProviderCheckResult.Failed($"The provider publishes no signing keys at {configuration.JwksUri}.");
            return ProviderCheckResult.Passed($"{issuer} answers as an OpenID provider with the code flow and {set.Keys.Count} signing key(s).");
        }
        catch (ArgumentException)
        {
            return ProviderCheckResult.Failed($"{configuration.JwksUri} is not a JSON Web Key Set.");
        }
    }

    private static async Task<(string Body, string? Problem)> ReadAsync(HttpClient http, string url, string what, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync(url, cancellationToken);
            if (response.StatusCode is >= HttpStatusCode.MultipleChoices and < HttpStatusCode.BadRequest)
                return ("", $"The provider answered {url} with a redirect to {response.Headers.Location}; enter the issuer its discovery document names.");
            if (!response.IsSuccessStatusCode)
                return ("", $"The provider answered {(int)response.StatusCode} for {what} at {url}: is the issuer URL right?");
            return (await response.Content.ReadAsStringAsync(cancellationToken), null);
        }
        catch (HttpRequestException e)
        {
            return ("", $"The provider could not be reached at {url}: {e.Message}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return ("", $"The provider did not answer at {url} within {http.Timeout.TotalSeconds:0} seconds.");
        }
    }
}

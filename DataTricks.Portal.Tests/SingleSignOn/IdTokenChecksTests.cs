using System.Net;
using System.Net.Http.Json;
using DataTricks.Portal.SingleSignOn;
using DataTricks.Portal.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.IdentityModel.Tokens;
using System.Security.Cryptography;

namespace DataTricks.Portal.Tests.SingleSignOn;

/// <summary>
/// The ID token checks of a single sign-on, with tokens the test writes (TokenControlledProvider): only a token of the
/// customer's issuer, for its client, signed with a published key, unexpired and carrying this sign-in's nonce opens a
/// session; a callback replayed after use opens nothing.
/// </summary>
public sealed class IdTokenChecksTests(PortalFactory factory) : IClassFixture<PortalFactory>, IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private const string ClientId = "token-checks-client";

    private TokenControlledProvider _provider = null!;
    private TestCustomer _customer = null!;
    private HttpClient _browser = null!;

    public async ValueTask InitializeAsync()
    {
        _provider = await TokenControlledProvider.StartAsync();
        _customer = await TestCustomer.SignUpAsync(factory);
        var domain = $"{Guid.NewGuid():N}.test";
        _provider.Email = $"tess@{domain}";
        var saved = await (await _customer.AdminAsync()).PutAsJsonAsync("/api/v1/customer/sso", new
        {
            issuer = _provider.Issuer, clientId = ClientId, clientSecret = "token-checks-secret", domains = new[] { domain }, allowJustInTime = true,
        }, Ct);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        _browser = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
    }

    public async ValueTask DisposeAsync() => await _provider.DisposeAsync();

    /// <summary>Starts a sign-in as the browser would; returns the state and nonce the portal sent to the provider.</summary>
    private async Task<(string State, string Nonce)> StartAsync()
    {
        var start = await _browser.GetAsync($"/sso/start/{_customer.Id}", Ct);
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        var authorize = start.Headers.Location!;
        Assert.StartsWith($"{_provider.Issuer}/authorize", authorize.ToString(), StringComparison.Ordinal);
        var query = QueryHelpers.ParseQuery(authorize.Query);
        Assert.Equal("S256", query["code_challenge_method"]);
        return (query["state"]!, query["nonce"]!);
    }

    /// <summary>The provider's redirect back, as the browser follows it; returns where the portal sends the browser next.</summary>
    private async Task<string> CallbackAsync(string state)
    {
        var callback = await _browser.GetAsync($"/signin-oidc/{_customer.Id}?code=the-code&state={Uri.EscapeDataString(state)}", Ct);
        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        return callback.Headers.Location!.ToString();
    }

    [Fact]
    public async Task A_token_that_passes_every_check_opens_a_session()
    {
        var (state, nonce) = await StartAsync();
        _provider.NextIdToken = _provider.IdToken(ClientId, nonce);

        var next = await CallbackAsync(state);

        Assert.StartsWith($"/sso/complete/{_customer.Id}", next, StringComparison.Ordinal);
        var complete = await _browser.GetAsync(next, Ct);
        Assert.Equal(HttpStatusCode.Redirect, complete.StatusCode);
        Assert.Equal("/", complete.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.OK, (await _browser.GetAsync("/users", Ct)).StatusCode);
    }

    public static TheoryData<string> Tampered => ["audience", "issuer", "expired", "nonce", "unsigned"];

    [Theory]
    [MemberData(nameof(Tampered))]
    public async Task A_token_failing_a_check_ends_on_the_failure_page_and_opens_nothing(string tampered)
    {
        var (state, nonce) = await StartAsync();
        _provider.NextIdToken = tampered switch
        {
            "audience" => _provider.IdToken(ClientId, nonce, audience: "another-client"),
            "issuer" => _provider.IdToken(ClientId, nonce, issuer: "https://login.evil.test"),
            "expired" => _provider.IdToken(ClientId, nonce, expiresIn: TimeSpan.FromMinutes(-10)),
            "nonce" => _provider.IdToken(ClientId, "a-nonce-of-another-sign-in"),
            _ => _provider.UnsignedIdToken(ClientId, nonce),
        };

        var next = await CallbackAsync(state);

        Assert.Equal($"{SsoFailure.Path}?reason={SsoFailure.ProviderError}", next);
        Assert.NotEqual(HttpStatusCode.OK, (await _browser.GetAsync("/users", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_token_signed_with_a_key_the_provider_does_not_publish_is_retried_once_then_refused()
    {
        var stranger = new RsaSecurityKey(RSA.Create(2048)) { KeyId = "not-published" };
        var (state, nonce) = await StartAsync();
        _provider.NextIdToken = _provider.IdToken(ClientId, nonce, key: stranger);

        var retry = await CallbackAsync(state);
        Assert.StartsWith($"/sso/start/{_customer.Id}", retry, StringComparison.Ordinal);
        Assert.Contains("retried=true", retry, StringComparison.Ordinal);
        var again = await _browser.GetAsync(retry, Ct);
        var query = QueryHelpers.ParseQuery(again.Headers.Location!.Query);
        _provider.NextIdToken = _provider.IdToken(ClientId, query["nonce"]!, key: stranger);

        Assert.Equal($"{SsoFailure.Path}?reason={SsoFailure.ProviderError}", await CallbackAsync(query["state"]!));
    }

    [Fact]
    public async Task A_provider_gone_between_its_answer_and_the_code_redeemed_ends_on_the_failure_page()
    {
        var (state, nonce) = await StartAsync();
        _provider.NextIdToken = _provider.IdToken(ClientId, nonce);

        // The person signed in at the provider, which went down before the portal redeemed the code.
        await _provider.DisposeAsync();

        Assert.Equal($"{SsoFailure.Path}?reason={SsoFailure.ProviderError}", await CallbackAsync(state));
        Assert.NotEqual(HttpStatusCode.OK, (await _browser.GetAsync("/users", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_callback_replayed_after_its_sign_in_opens_nothing()
    {
        var (state, nonce) = await StartAsync();
        _provider.NextIdToken = _provider.IdToken(ClientId, nonce);
        Assert.StartsWith("/sso/complete/", await CallbackAsync(state), StringComparison.Ordinal);

        // The same code and state again: the correlation and nonce cookies of that sign-in are spent.
        Assert.Equal($"{SsoFailure.Path}?reason={SsoFailure.ProviderError}", await CallbackAsync(state));
    }
}

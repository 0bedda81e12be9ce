using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace DataTricks.Portal.Tests.Support;

/// <summary>
/// An OpenID provider whose ID tokens the test writes, for the checks a real provider never fails: wrong audience,
/// wrong issuer, expired, another nonce, unsigned, signed by a key it does not publish. Discovery, keys, token and user
/// info answer over real HTTP on 127.0.0.1; the authorization step is the test's own (it reads the portal's redirect).
/// </summary>
public sealed class TokenControlledProvider : IAsyncDisposable
{
    public const string Subject = "subject-token-checks";

    private readonly WebApplication _app;

    private TokenControlledProvider(WebApplication app, string issuer)
    {
        _app = app;
        Issuer = issuer;
    }

    public string Issuer { get; }

    /// <summary>The key the published key set holds.</summary>
    public RsaSecurityKey Key { get; } = new(RSA.Create(2048)) { KeyId = "published" };

    /// <summary>What the token endpoint answers as the ID token: the test sets it before the callback.</summary>
    public string NextIdToken { get; set; } = "";

    public string Email { get; set; } = "";

    public static async Task<TokenControlledProvider> StartAsync()
    {
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        var issuer = $"http://127.0.0.1:{port}";
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(issuer);
        var app = builder.Build();
        var provider = new TokenControlledProvider(app, issuer);
        app.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = issuer,
            ["authorization_endpoint"] = $"{issuer}/authorize",
            ["token_endpoint"] = $"{issuer}/token",
            ["userinfo_endpoint"] = $"{issuer}/userinfo",
            ["jwks_uri"] = $"{issuer}/jwks",
            ["response_types_supported"] = new[] { "code" },
            ["subject_types_supported"] = new[] { "public" },
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
        }));
        app.MapGet("/jwks", () => Results.Json(new { keys = new[] { JsonWebKeyConverter.ConvertFromRSASecurityKey(provider.Key) } },
            new System.Text.Json.JsonSerializerOptions { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull }));
        app.MapPost("/token", () => Results.Json(new Dictionary<string, object>
        {
            ["access_token"] = "access-token",
            ["token_type"] = "Bearer",
            ["expires_in"] = 300,
            ["id_token"] = provider.NextIdToken,
        }));
        app.MapGet("/userinfo", () => Results.Json(new Dictionary<string, object>
        {
            ["sub"] = Subject,
            ["email"] = provider.Email,
            ["email_verified"] = true,
        }));
        await app.StartAsync();
        return provider;
    }

    /// <summary>An ID token as a provider writes one, with whatever the test changes.</summary>
    public string IdToken(string clientId, string nonce, string? issuer = null, string? audience = null, TimeSpan? expiresIn = null, SecurityKey? key = null)
    {
        var now = DateTime.UtcNow;
        var expires = now + (expiresIn ?? TimeSpan.FromMinutes(5));
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer ?? Issuer,
            Audience = audience ?? clientId,
            IssuedAt = expires - TimeSpan.FromMinutes(10) < now ? expires - TimeSpan.FromMinutes(10) : now,
            NotBefore = expires - TimeSpan.FromMinutes(10) < now ? expires - TimeSpan.FromMinutes(10) : now,
            Expires = expires,
            Claims = new Dictionary<string, object> { ["sub"] = Subject, ["nonce"] = nonce },
            SigningCredentials = new SigningCredentials(key ?? Key, SecurityAlgorithms.RsaSha256),
        });
    }

    /// <summary>The same claims with <c>alg: none</c> and no signature.</summary>
    public string UnsignedIdToken(string clientId, string nonce)
    {
        static string Part(string json) => Base64UrlEncoder.Encode(json);
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        return $"{Part("{\"alg\":\"none\",\"typ\":\"JWT\"}")}.{Part($"{{\"iss\":\"{Issuer}\",\"aud\":\"{clientId}\",\"sub\":\"{Subject}\",\"nonce\":\"{nonce}\",\"iat\":{now},\"nbf\":{now},\"exp\":{now + 300}}}")}.";
    }

    private bool _stopped;

    /// <summary>Stops the provider, as a crash would; a test may do it before the fixture does.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_stopped)
            return;
        _stopped = true;
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

using System.Security.Cryptography;

namespace DataTricks.Portal.Security;

/// <summary>
/// The browser-hardening headers of every answer, pages and API alike. Pages get a Content-Security-Policy that fits
/// Blazor Server and MudBlazor: scripts only from the portal itself plus the one inline import map, which carries
/// this request's nonce; inline styles are allowed because MudBlazor sets style attributes.
/// </summary>
public sealed class SecurityHeaders(RequestDelegate next)
{
    private const string NonceKey = "csp-nonce";

    private const string ApiPolicy = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    // The interactive API reference renders its page with inline script; it holds no customer data.
    private const string ApiReferencePolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";

    public const string PermissionsPolicy = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), accelerometer=(), gyroscope=(), magnetometer=()";

    /// <summary>The nonce this request's inline script (the import map) must carry.</summary>
    public static string Nonce(HttpContext context) => (string)context.Items[NonceKey]!;

    public Task InvokeAsync(HttpContext context)
    {
        var nonce = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        context.Items[NonceKey] = nonce;
        // Set as the answer starts, so error pages and status-code pages (which clear headers) carry them too.
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Permissions-Policy"] = PermissionsPolicy;
            headers.ContentSecurityPolicy = PolicyFor(context.Request.Path, nonce);
            return Task.CompletedTask;
        });
        return next(context);
    }

    private static string PolicyFor(PathString path, string nonce)
    {
        if (path.StartsWithSegments("/api") || path.StartsWithSegments("/openapi") || path.StartsWithSegments("/healthz"))
            return ApiPolicy;
        if (path.StartsWithSegments("/scalar"))
            return ApiReferencePolicy;
        return $"default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
               "font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";
    }
}

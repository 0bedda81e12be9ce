using Microsoft.AspNetCore.Identity;

namespace DataTricks.Portal.Security;

/// <summary>
/// The API's authentication: bearer tokens only, never the portal's cookie (so a page cannot be used to forge
/// API calls). A policy scheme sends personal access tokens to their handler and access tokens to Identity's bearer handler.
/// </summary>
public static class ApiAuthentication
{
    public const string Scheme = "Api";
    public static readonly TimeSpan AccessTokenLifetime = TimeSpan.FromHours(1);

    public static string? BearerToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
    }

    public static string SelectScheme(HttpContext context) =>
        BearerToken(context.Request)?.StartsWith(Domain.AccessTokens.TokenSecret.Scheme, StringComparison.Ordinal) == true
            ? PersonalAccessTokenHandler.SchemeName
            : IdentityConstants.BearerScheme;
}

using DataTricks.Domain.SingleSignOn;
using DataTricks.Portal.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace DataTricks.Portal.Api;

/// <summary>A customer's single sign-on as the API shows it: the settings, and the redirect URI to register at the provider.</summary>
public sealed record SsoResponse(
    string Issuer, string ClientId, bool HasClientSecret, IReadOnlyList<string> Domains, string DefaultRole, bool AllowJustInTime,
    bool RequireSso, IReadOnlyList<Guid> BreakGlassAdminIds, string RedirectUri, int Version, DateTimeOffset UpdatedAt)
{
    public static SsoResponse From(SsoSettingsView view, HttpRequest request) => new(
        view.Issuer, view.ClientId, view.HasClientSecret, view.Domains, view.DefaultRole, view.AllowJustInTime, view.RequireSso,
        view.BreakGlassAdminIds, $"{request.Scheme}://{request.Host}{request.PathBase}{view.RedirectPath}", view.Version, view.UpdatedAt);
}

public sealed record SsoTestRequest(string? Issuer);

public static class SsoEndpoints
{
    public static RouteGroupBuilder MapSsoEndpoints(this RouteGroupBuilder api)
    {
        var sso = api.MapGroup("/customer/sso").WithTags("Customer").RequireAuthorization(Policies.TenantAdmin);
        sso.MapGet("/", GetAsync)
            .WithName("GetSingleSignOn")
            .WithSummary("The customer's single sign-on")
            .WithDescription("Its OpenID provider, domains and rules; the client secret is never returned. 404 when none is set up.")
            .ProducesProblems(StatusCodes.Status404NotFound);
        sso.MapPut("/", PutAsync)
            .WithName("PutSingleSignOn")
            .WithSummary("Set up or replace the customer's single sign-on")
            .WithDescription("Replaces every setting; leave clientSecret out to keep the stored one. 409 domain-claimed when another customer signs in with a domain; 409 sso-check-failed when requireSso is asked while the connection test fails. If-Match takes the version's ETag.")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status409Conflict, StatusCodes.Status412PreconditionFailed);
        sso.MapDelete("/", DeleteAsync)
            .WithName("DeleteSingleSignOn")
            .WithSummary("Remove the customer's single sign-on")
            .WithDescription("Everyone signs in with a password again.")
            .ProducesProblems(StatusCodes.Status404NotFound);
        sso.MapPost("/test", TestAsync)
            .WithName("TestSingleSignOn")
            .WithSummary("Test a connection to an OpenID provider")
            .WithDescription("Reads the issuer's discovery document and keys (the given issuer, or the stored one) and says what would stop a sign-in.")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<Results<Ok<SsoResponse>, ProblemHttpResult>> GetAsync(SsoConnectionService service, HttpContext http, CancellationToken cancellationToken) =>
        (await service.GetAsync(cancellationToken)).ToHttpResult(view => WithETag(http, view));

    private static async Task<Results<Ok<SsoResponse>, ProblemHttpResult>> PutAsync(
        SsoSettingsRequest request, [FromHeader(Name = "If-Match")] string? ifMatch, SsoConnectionService service, HttpContext http, CancellationToken cancellationToken) =>
        (await service.PutAsync(request, ETags.IfMatch(http.Request.Headers.IfMatch), cancellationToken)).ToHttpResult(view => WithETag(http, view));

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(SsoConnectionService service, CancellationToken cancellationToken) =>
        (await service.DeleteAsync(cancellationToken)).ToHttpResult(_ => TypedResults.NoContent());

    private static async Task<Results<Ok<ProviderCheckResult>, ProblemHttpResult>> TestAsync(
        SsoTestRequest request, SsoConnectionService service, CancellationToken cancellationToken) =>
        (await service.TestAsync(request.Issuer, cancellationToken)).ToHttpResult(result => TypedResults.Ok(result));

    private static Ok<SsoResponse> WithETag(HttpContext http, SsoSettingsView view)
    {
        http.Response.Headers.ETag = ETags.For(view.Version);
        return TypedResults.Ok(SsoResponse.From(view, http.Request));
    }
}

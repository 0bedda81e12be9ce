using DataTricks.Domain.AccessTokens;
using DataTricks.Portal.Api.OpenApi;
using DataTricks.Portal.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DataTricks.Portal.Api;

public sealed record AccessTokenListResponse(IReadOnlyList<AccessTokenView> Items);

public static class AccessTokenEndpoints
{
    public static RouteGroupBuilder MapAccessTokenEndpoints(this RouteGroupBuilder api)
    {
        // Any member manages their own tokens: a token acts with its owner's role, so it grants nothing new.
        var tokens = api.MapGroup("/tokens").RequireAuthorization(Policies.TenantMember).WithTags("Access tokens");
        tokens.MapPost("/", CreateAsync)
            .Idempotent()
            .WithName("CreateAccessToken")
            .WithSummary("Create a personal access token")
            .WithDescription("Its secret is shown only in this answer; it acts with the caller's role at each use.")
            .WithResponseHeader(StatusCodes.Status201Created, "Location", "The new token.", HeaderKind.Uri)
            .ProducesProblems(StatusCodes.Status400BadRequest);
        tokens.MapGet("/", ListAsync)
            .WithName("ListAccessTokens")
            .WithSummary("List the caller's tokens")
            .WithDescription("Names, prefixes and dates; never the secrets.");
        tokens.MapDelete("/{id:guid}", RevokeAsync)
            .WithName("RevokeAccessToken")
            .WithSummary("Revoke one of the caller's tokens")
            .WithDescription("The token stops working at once.")
            .ProducesProblems(StatusCodes.Status404NotFound);
        api.MapGet("/customer/tokens", ListCustomerAsync)
            .RequireAuthorization(Policies.TenantAdmin)
            .WithTags("Access tokens")
            .WithName("ListCustomerAccessTokens")
            .WithSummary("List every access token of the customer, with its owner")
            .WithDescription("Admins only; newest first. What automation signs in with, which keeps working when single sign-on is required.")
            .ProducesProblems(StatusCodes.Status400BadRequest);
        return api;
    }


    private static async Task<Results<Created<CreatedToken>, ProblemHttpResult>> CreateAsync(
        CreateTokenRequest request, AccessTokenService service, CancellationToken cancellationToken) =>
        (await service.CreateAsync(request, cancellationToken)).ToHttpResult(created => TypedResults.Created($"/api/v1/tokens/{created.Id}", created));

    private static async Task<Ok<AccessTokenListResponse>> ListAsync(AccessTokenService service, CancellationToken cancellationToken) =>
        TypedResults.Ok(new AccessTokenListResponse(await service.ListMineAsync(cancellationToken)));

    private static Task<Results<Ok<PageResponse<AccessTokenView>>, ProblemHttpResult>> ListCustomerAsync(
        [AsParameters] PageRequest page, AccessTokenService service, CancellationToken cancellationToken) =>
        PageResponse<AccessTokenView>.ListAsync(page, query => service.ListAllAsync(query, cancellationToken));

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeAsync(Guid id, AccessTokenService service, CancellationToken cancellationToken) =>
        (await service.RevokeAsync(id, cancellationToken)).ToHttpResult(_ => TypedResults.NoContent());
}

using DataTricks.Domain.AccessTokens;
using DataTricks.Portal.Security;

namespace DataTricks.Portal.Api;

public static class AccessTokenEndpoints
{
    public static RouteGroupBuilder MapAccessTokenEndpoints(this RouteGroupBuilder api)
    {
        // Any member manages their own tokens: a token acts with its owner's role, so it grants nothing new.
        var tokens = api.MapGroup("/tokens").RequireAuthorization(Policies.TenantMember).WithTags("Access tokens");
        tokens.MapPost("/", async (CreateTokenRequest request, AccessTokenService service, CancellationToken cancellationToken) =>
                (await service.CreateAsync(request, cancellationToken)).ToHttpResult(created =>
                    TypedResults.Created($"/api/v1/tokens/{created.Id}", created)))
            .WithSummary("Create a personal access token (its secret is shown only in this response)")
            .Produces<CreatedToken>(StatusCodes.Status201Created)
            .ProducesValidationProblem();
        tokens.MapGet("/", async (AccessTokenService service, CancellationToken cancellationToken) =>
                TypedResults.Ok(new { items = await service.ListMineAsync(cancellationToken) }))
            .WithSummary("List the caller's tokens");
        tokens.MapDelete("/{id:guid}", async (Guid id, AccessTokenService service, CancellationToken cancellationToken) =>
                (await service.RevokeAsync(id, cancellationToken)).ToHttpResult(_ => TypedResults.NoContent()))
            .WithSummary("Revoke one of the caller's tokens")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }
}

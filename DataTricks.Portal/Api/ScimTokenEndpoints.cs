using DataTricks.Domain.Scim;
using DataTricks.Portal.Api.OpenApi;
using DataTricks.Portal.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DataTricks.Portal.Api;

public sealed record ScimTokenListResponse(IReadOnlyList<ScimTokenView> Items);

public static class ScimTokenEndpoints
{
    public static RouteGroupBuilder MapScimTokenEndpoints(this RouteGroupBuilder api)
    {
        var tokens = api.MapGroup("/scim-tokens").RequireAuthorization(Policies.TenantAdmin).WithTags("Directory provisioning");
        tokens.MapGet("/", ListAsync)
            .WithName("ListScimTokens")
            .WithSummary("The customer's SCIM tokens")
            .WithDescription("Admins only; newest first. Names, prefixes and dates; never the secrets.")
            .ProducesProblems(StatusCodes.Status403Forbidden);
        tokens.MapPost("/", CreateAsync)
            .Idempotent()
            .WithName("CreateScimToken")
            .WithSummary("Create a SCIM token for the customer's directory")
            .WithDescription("The secret (dts_…) is shown only in this answer. It reaches /scim/v2 of this customer only, and what it does is audited as the directory.")
            .WithResponseHeader(StatusCodes.Status201Created, "Location", "The new token.", HeaderKind.Uri)
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status403Forbidden);
        tokens.MapDelete("/{id:guid}", RevokeAsync)
            .WithName("RevokeScimToken")
            .WithSummary("Revoke a SCIM token")
            .WithDescription("The directory's next call with it answers 401.")
            .ProducesProblems(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<Results<Ok<ScimTokenListResponse>, ProblemHttpResult>> ListAsync(ScimTokenService service, CancellationToken cancellationToken) =>
        (await service.ListAsync(cancellationToken)).ToHttpResult(tokens => TypedResults.Ok(new ScimTokenListResponse(tokens)));

    private static async Task<Results<Created<CreatedScimToken>, ProblemHttpResult>> CreateAsync(
        CreateScimTokenRequest request, ScimTokenService service, CancellationToken cancellationToken) =>
        (await service.CreateAsync(request, cancellationToken)).ToHttpResult(created => TypedResults.Created($"/api/v1/scim-tokens/{created.Token.Id}", created));

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeAsync(Guid id, ScimTokenService service, CancellationToken cancellationToken) =>
        (await service.RevokeAsync(id, cancellationToken)).ToHttpResult(_ => TypedResults.NoContent());
}

using DataTricks.Domain.Common;
using DataTricks.Domain.Repos;
using DataTricks.Portal.Security;

namespace DataTricks.Portal.Api;

public static class RepoEndpoints
{
    public static RouteGroupBuilder MapRepoEndpoints(this RouteGroupBuilder api)
    {
        var repos = api.MapGroup("/repos").WithTags("Repos").RequireAuthorization(Policies.TenantMember);

        repos.MapGet("/", (string? search, int? pageSize, string? pageToken, RepoService service, CancellationToken cancellationToken) =>
                ListQuery.FromApi(search, pageSize, pageToken).ToHttpResultAsync(async query =>
                    TypedResults.Ok(PageResponse<RepoView>.From(await service.ListAsync(query, cancellationToken)))))
            .WithSummary("The customer's repos, by name")
            .Produces<PageResponse<RepoView>>()
            .ProducesValidationProblem();

        repos.MapPost("/", async (CreateRepoRequest request, RepoService service, CancellationToken cancellationToken) =>
                (await service.CreateAsync(request, cancellationToken)).ToHttpResult(repo => TypedResults.Created($"/api/v1/repos/{repo.Id}", repo)))
            .RequireAuthorization(Policies.TenantAdmin)
            .WithSummary("Create a repo bound to one of the customer's Pending, Provisioning or Ready environments")
            .Produces<RepoView>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        repos.MapGet("/{id:guid}", async (Guid id, RepoService service, CancellationToken cancellationToken) =>
                (await service.GetAsync(id, cancellationToken)).ToHttpResult(repo => TypedResults.Ok(repo)))
            .WithSummary("One repo")
            .Produces<RepoView>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        repos.MapPatch("/{id:guid}", async (Guid id, UpdateRepoRequest request, RepoService service, CancellationToken cancellationToken) =>
                (await service.UpdateAsync(id, request, cancellationToken)).ToHttpResult(repo => TypedResults.Ok(repo)))
            .RequireAuthorization(Policies.TenantAdmin)
            .WithSummary("Rename, describe or rebind a repo to another environment")
            .Produces<RepoView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        repos.MapDelete("/{id:guid}", async (Guid id, RepoService service, CancellationToken cancellationToken) =>
                (await service.DeleteAsync(id, cancellationToken)).ToHttpResult(_ => TypedResults.NoContent()))
            .RequireAuthorization(Policies.TenantAdmin)
            .WithSummary("Delete a repo and its memberships")
            .ProducesProblem(StatusCodes.Status404NotFound);

        repos.MapGet("/{id:guid}/members", async (Guid id, RepoService service, CancellationToken cancellationToken) =>
                (await service.MembersAsync(id, cancellationToken)).ToHttpResult(members => TypedResults.Ok(new { items = members })))
            .WithSummary("The repo's members")
            .ProducesProblem(StatusCodes.Status404NotFound);

        repos.MapPut("/{id:guid}/members/{userId:guid}", async (Guid id, Guid userId, RepoService service, CancellationToken cancellationToken) =>
                (await service.AddMemberAsync(id, userId, cancellationToken)).ToHttpResult(_ => TypedResults.NoContent()))
            .RequireAuthorization(Policies.TenantAdmin)
            .WithSummary("Make a user of the customer a member (idempotent)")
            .ProducesProblem(StatusCodes.Status404NotFound);

        repos.MapDelete("/{id:guid}/members/{userId:guid}", async (Guid id, Guid userId, RepoService service, CancellationToken cancellationToken) =>
                (await service.RemoveMemberAsync(id, userId, cancellationToken)).ToHttpResult(_ => TypedResults.NoContent()))
            .RequireAuthorization(Policies.TenantAdmin)
            .WithSummary("Remove a member (idempotent)")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }
}

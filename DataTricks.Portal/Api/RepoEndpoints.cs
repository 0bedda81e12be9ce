using DataTricks.Domain.Repos;
using DataTricks.Portal.Api.OpenApi;
using DataTricks.Portal.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace DataTricks.Portal.Api;

public sealed record RepoGroupListResponse(IReadOnlyList<RepoGroupView> Items);

public static class RepoEndpoints
{
    private const string IfMatchDescription = " With If-Match holding the ETag of a GET, applied only if the repo still is what that GET answered; otherwise 412.";

    public static RouteGroupBuilder MapRepoEndpoints(this RouteGroupBuilder api)
    {
        var repos = api.MapGroup("/repos").WithTags("Repos").RequireAuthorization(Policies.TenantMember);

        repos.MapGet("/", ListAsync)
            .WithName("ListRepos")
            .WithSummary("The customer's repos, by name")
            .WithDescription("q matches the name; sort orders them (by name unless asked); follow nextPageToken (or the Link header) for the next page.")
            .WithSortOrders(RepoService.SortColumns)
            .ProducesProblems(StatusCodes.Status400BadRequest);

        repos.MapPost("/", CreateAsync)
            .Idempotent()
            .RequireAuthorization(Policies.TenantAdmin)
            .WithName("CreateRepo")
            .WithSummary("Create a repo bound to a compute environment")
            .WithDescription("The environment must be one of the customer's, Pending, Provisioning or Ready (else 409 environment-unavailable).")
            .WithResponseHeader(StatusCodes.Status201Created, "Location", "The new repo.", HeaderKind.Uri)
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);

        repos.MapGet("/{id:guid}", GetAsync)
            .WithName("GetRepo")
            .WithSummary("One repo")
            .WithDescription("A repo of the caller's customer; any other id answers 404. With If-None-Match holding the current ETag, 304.")
            .WithConditionalGet()
            .ProducesProblems(StatusCodes.Status404NotFound);

        repos.MapPatch("/{id:guid}", UpdateAsync)
            .RequireAuthorization(Policies.TenantAdmin)
            .WithName("UpdateRepo")
            .WithSummary("Rename, describe or rebind a repo to another environment")
            .WithDescription("Send only the fields to change." + IfMatchDescription)
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status412PreconditionFailed);

        repos.MapDelete("/{id:guid}", DeleteAsync)
            .RequireAuthorization(Policies.TenantAdmin)
            .WithName("DeleteRepo")
            .WithSummary("Delete a repo and its memberships")
            .WithDescription("Its environment stays; delete that separately." + IfMatchDescription)
            .ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status412PreconditionFailed);

        repos.MapGet("/{id:guid}/members", MembersAsync)
            .WithName("ListRepoMembers")
            .WithSummary("Everyone who may use the repo, by name")
            .WithDescription("Direct members and the members of every group the repo is shared with; each says how (direct, and groups). "
                + "q matches the name or e-mail; follow nextPageToken (or the Link header) for the next page.")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);

        repos.MapPut("/{id:guid}/members/{userId:guid}", AddMemberAsync)
            .RequireAuthorization(Policies.TenantAdmin)
            .WithName("AddRepoMember")
            .WithSummary("Make a user of the customer a member")
            .WithDescription("Idempotent: adding a member twice changes nothing.")
            .ProducesProblems(StatusCodes.Status404NotFound);

        repos.MapDelete("/{id:guid}/members/{userId:guid}", RemoveMemberAsync)
            .RequireAuthorization(Policies.TenantAdmin)
            .WithName("RemoveRepoMember")
            .WithSummary("Remove a member")
            .WithDescription("Idempotent: removing a non-member changes nothing. Access through groups stays.")
            .ProducesProblems(StatusCodes.Status404NotFound);

        repos.MapGet("/{id:guid}/groups", GroupsAsync)
            .WithName("ListRepoGroups")
            .WithSummary("The groups the repo is shared with")
            .WithDescription("Every group, by name, with its member count.")
            .ProducesProblems(StatusCodes.Status404NotFound);

        repos.MapPut("/{id:guid}/groups/{groupId:guid}", ShareWithGroupAsync)
            .RequireAuthorization(Policies.TenantAdmin)
            .WithName("ShareRepoWithGroup")
            .WithSummary("Share the repo with a group of the customer")
            .WithDescription("Every member of the group, now and later, may use the repo. Idempotent.")
            .ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);

        repos.MapDelete("/{id:guid}/groups/{groupId:guid}", StopSharingWithGroupAsync)
            .RequireAuthorization(Policies.TenantAdmin)
            .WithName("StopSharingRepoWithGroup")
            .WithSummary("Stop sharing the repo with a group")
            .WithDescription("The group's members lose the access it gave them at once; their other access stays. Idempotent.")
            .ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        return api;
    }

    private static Task<Results<Ok<PageResponse<RepoView>>, ProblemHttpResult>> ListAsync(
        string? q, string? sort, [AsParameters] PageRequest page, RepoService service, CancellationToken cancellationToken) =>
        PageResponse<RepoView>.ListAsync(page, query => service.ListAsync(query, cancellationToken), q, sort, RepoService.SortColumns);

    private static async Task<Results<Created<RepoView>, ProblemHttpResult>> CreateAsync(CreateRepoRequest request, RepoService service, CancellationToken cancellationToken) =>
        (await service.CreateAsync(request, cancellationToken)).ToHttpResult(repo => TypedResults.Created($"/api/v1/repos/{repo.Id}", repo));

    private static async Task<Results<Ok<RepoView>, StatusCodeHttpResult, ProblemHttpResult>> GetAsync(
        Guid id, [FromHeader(Name = "If-None-Match")] string? ifNoneMatch, RepoService service, HttpContext http, CancellationToken cancellationToken) =>
        (await service.GetAsync(id, cancellationToken)).ToHttpResult(repo => ETags.ConditionalOk(http, repo)).Flatten();

    private static async Task<Results<Ok<RepoView>, ProblemHttpResult>> UpdateAsync(
        Guid id, UpdateRepoRequest request, [FromHeader(Name = "If-Match")] string? ifMatch, RepoService service, HttpContext http, CancellationToken cancellationToken) =>
        (await service.UpdateAsync(id, request, ETags.IfMatchesRepresentation(http, (RepoView repo) => repo), cancellationToken)).ToHttpResult(repo => TypedResults.Ok(repo));

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        Guid id, [FromHeader(Name = "If-Match")] string? ifMatch, RepoService service, HttpContext http, CancellationToken cancellationToken) =>
        (await service.DeleteAsync(id, ETags.IfMatchesRepresentation(http, (RepoView repo) => repo), cancellationToken)).ToHttpResult(_ => TypedResults.NoContent());

    private static Task<Results<Ok<PageResponse<RepoMemberView>>, ProblemHttpResult>> MembersAsync(
        Guid id, string? q, [AsParameters] PageRequest page, RepoAccessService service, CancellationToken cancellationToken) =>
        PageResponse<RepoMemberView>.ListAsync(page, query => service.MembersAsync(id, query, cancellationToken), q);

    private static async Task<Results<NoContent, ProblemHttpResult>> AddMemberAsync(Guid id, Guid userId, RepoAccessService service, CancellationToken cancellationToken) =>
        (await service.AddMemberAsync(id, userId, cancellationToken)).ToHttpResult(_ => TypedResults.NoContent());

    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveMemberAsync(Guid id, Guid userId, RepoAccessService service, CancellationToken cancellationToken) =>
        (await service.RemoveMemberAsync(id, userId, cancellationToken)).ToHttpResult(_ => TypedResults.NoContent());

    private static async Task<Results<Ok<RepoGroupListResponse>, ProblemHttpResult>> GroupsAsync(Guid id, RepoAccessService service, CancellationToken cancellationToken) =>
        (await service.GroupsAsync(id, cancellationToken)).ToHttpResult(groups => TypedResults.Ok(new RepoGroupListResponse(groups)));

    private static async Task<Results<NoContent, ProblemHttpResult>> ShareWithGroupAsync(Guid id, Guid groupId, RepoAccessService service, CancellationToken cancellationToken) =>
        (await service.ShareWithGroupAsync(id, groupId, cancellationToken)).ToHttpResult(_ => TypedResults.NoContent());

    private static async Task<Results<NoContent, ProblemHttpResult>> StopSharingWithGroupAsync(Guid id, Guid groupId, RepoAccessService service, CancellationToken cancellationToken) =>
        (await service.StopSharingWithGroupAsync(id, groupId, cancellationToken)).ToHttpResult(_ => TypedResults.NoContent());
}

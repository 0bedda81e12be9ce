using DataTricks.Domain.Groups;
using DataTricks.Portal.Api.OpenApi;
using DataTricks.Portal.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace DataTricks.Portal.Api;

public sealed record SharedRepoListResponse(IReadOnlyList<SharedRepoView> Items);

public static class GroupEndpoints
{
    private const string IfMatchDescription = "Apply only if the group's ETag is one of these (strong comparison); otherwise 412.";

    public static RouteGroupBuilder MapGroupEndpoints(this RouteGroupBuilder api)
    {
        var groups = api.MapGroup("/groups").WithTags("Groups").RequireAuthorization(Policies.TenantMember);

        groups.MapGet("/", ListAsync)
            .WithName("ListGroups")
            .WithSummary("The customer's groups, by name")
            .WithDescription("q matches the name; sort orders them (by name unless asked); follow nextPageToken (or the Link header) for the next page.")
            .WithSortOrders(GroupService.SortColumns)
            .ProducesProblems(StatusCodes.Status400BadRequest);

        groups.MapPost("/", CreateAsync)
            .Idempotent()
            .RequireAuthorization(Policies.TenantAdmin)
            .WithName("CreateGroup")
            .WithSummary("Create a group")
            .WithDescription("Names are unique per customer, ignoring case (else 409 name-taken).")
            .WithResponseHeader(StatusCodes.Status201Created, "Location", "The new group.", HeaderKind.Uri)
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status409Conflict);

        groups.MapGet("/{id:guid}", GetAsync)
            .WithName("GetGroup")
            .WithSummary("One group, with its ETag")
            .WithDescription("The ETag moves with every change of the group, its members or the repos shared with it. With If-None-Match holding it, 304.")
            .WithConditionalGet()
            .ProducesProblems(StatusCodes.Status404NotFound);

        groups.MapPatch("/{id:guid}", UpdateAsync)
            .RequireAuthorization(Policies.TenantAdmin)
            .WithName("UpdateGroup")
            .WithSummary("Rename or describe a group")
            .WithDescription("Send only the fields to change. " + IfMatchDescription)
            .WithResponseHeader(StatusCodes.Status200OK, "ETag", "The group's new version.")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status412PreconditionFailed);

        groups.MapDelete("/{id:guid}", DeleteAsync)
            .RequireAuthorization(Policies.TenantAdmin)
            .WithName("DeleteGroup")
            .WithSummary("Delete a group")
            .WithDescription("Its members lose the access to repos it gave them; their other access stays.")
            .ProducesProblems(StatusCodes.Status404NotFound);

        groups.MapGet("/{id:guid}/members", MembersAsync)
            .WithName("ListGroupMembers")
            .WithSummary("The group's members, by name")
            .WithDescription("q matches the name or e-mail; follow nextPageToken (or the Link header) for the next page.")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);

        groups.MapPut("/{id:guid}/members/{userId:guid}", AddMemberAsync)
            .RequireAuthorization(Policies.TenantAdmin)
            .WithName("AddGroupMember")
            .WithSummary("Add a user of the customer to the group")
            .WithDescription("Idempotent: adding a member twice changes nothing. The user gains every repo shared with the group.")
            .ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);

        groups.MapDelete("/{id:guid}/members/{userId:guid}", RemoveMemberAsync)
            .RequireAuthorization(Policies.TenantAdmin)
            .WithName("RemoveGroupMember")
            .WithSummary("Remove a member from the group")
            .WithDescription("Idempotent. The user loses at once the access to repos the group gave them; their other access stays.")
            .ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);

        groups.MapGet("/{id:guid}/repos", ReposAsync)
            .WithName("ListGroupRepos")
            .WithSummary("The repos shared with the group")
            .WithDescription("Every repo its members may use through it, by name. Share and stop sharing under /repos/{id}/groups/{groupId}.")
            .ProducesProblems(StatusCodes.Status404NotFound);
        return api;
    }

    private static Task<Results<Ok<PageResponse<GroupView>>, ProblemHttpResult>> ListAsync(
        string? q, string? sort, [AsParameters] PageRequest page, GroupService service, CancellationToken cancellationToken) =>
        PageResponse<GroupView>.ListAsync(page, query => service.ListAsync(query, cancellationToken), q, sort, GroupService.SortColumns);

    private static async Task<Results<Created<GroupView>, ProblemHttpResult>> CreateAsync(CreateGroupRequest request, GroupService service, HttpContext http, CancellationToken cancellationToken) =>
        (await service.CreateAsync(request, cancellationToken)).ToHttpResult(group => TypedResults.Created($"/api/v1/groups/{WithETag(http, group).Id}", group));

    private static async Task<Results<Ok<GroupView>, StatusCodeHttpResult, ProblemHttpResult>> GetAsync(
        Guid id, [FromHeader(Name = "If-None-Match")] string? ifNoneMatch, GroupService service, HttpContext http, CancellationToken cancellationToken) =>
        (await service.GetAsync(id, cancellationToken)).ToHttpResult(group => ETags.VersionedOk(http, group, group.Version)).Flatten();

    private static async Task<Results<Ok<GroupView>, ProblemHttpResult>> UpdateAsync(
        Guid id, UpdateGroupRequest request, [FromHeader(Name = "If-Match")] string? ifMatch, GroupService service, HttpContext http, CancellationToken cancellationToken) =>
        (await service.UpdateAsync(id, request, ETags.IfMatch(http.Request.Headers.IfMatch), cancellationToken)).ToHttpResult(group => TypedResults.Ok(WithETag(http, group)));

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(Guid id, GroupService service, CancellationToken cancellationToken) =>
        (await service.DeleteAsync(id, cancellationToken)).ToHttpResult(_ => TypedResults.NoContent());

    private static Task<Results<Ok<PageResponse<GroupMemberView>>, ProblemHttpResult>> MembersAsync(
        Guid id, string? q, [AsParameters] PageRequest page, GroupService service, CancellationToken cancellationToken) =>
        PageResponse<GroupMemberView>.ListAsync(page, query => service.MembersAsync(id, query, cancellationToken), q);

    private static async Task<Results<Ok<SharedRepoListResponse>, ProblemHttpResult>> ReposAsync(Guid id, GroupService service, CancellationToken cancellationToken) =>
        (await service.ReposAsync(id, cancellationToken)).ToHttpResult(repos => TypedResults.Ok(new SharedRepoListResponse(repos)));

    private static async Task<Results<NoContent, ProblemHttpResult>> AddMemberAsync(Guid id, Guid userId, GroupService service, CancellationToken cancellationToken) =>
        (await service.AddMemberAsync(id, userId, cancellationToken)).ToHttpResult(_ => TypedResults.NoContent());

    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveMemberAsync(Guid id, Guid userId, GroupService service, CancellationToken cancellationToken) =>
        (await service.RemoveMemberAsync(id, userId, cancellationToken)).ToHttpResult(_ => TypedResults.NoContent());

    private static GroupView WithETag(HttpContext http, GroupView group)
    {
        http.Response.Headers.ETag = ETags.For(group.Version);
        return group;
    }
}

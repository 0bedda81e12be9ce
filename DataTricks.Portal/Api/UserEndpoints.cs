using DataTricks.Domain.Common;
using DataTricks.Domain.Users;
using DataTricks.Portal.Api.OpenApi;
using DataTricks.Portal.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace DataTricks.Portal.Api;

public sealed record ResetPasswordRequest(string? Password);

/// <summary>The generated password, shown this once; null when the caller chose the password.</summary>
public sealed record ResetPasswordResponse(string? GeneratedPassword);

/// <summary>A new user, with the generated password shown this once (null when the caller chose it).</summary>
public sealed record CreatedUserResponse(Guid Id, string Email, string DisplayName, string Role, bool IsActive, DateTimeOffset CreatedAt, string? GeneratedPassword);

public static class UserEndpoints
{
    private const string IfMatchDescription = " With If-Match holding the ETag of a GET, applied only if the user still is what that GET answered; otherwise 412.";

    public static RouteGroupBuilder MapUserEndpoints(this RouteGroupBuilder api)
    {
        var users = api.MapGroup("/users").WithTags("Users").RequireAuthorization(Policies.TenantMember);

        users.MapGet("/", ListAsync)
            .WithName("ListUsers")
            .WithSummary("The customer's users, by name")
            .WithDescription("q matches the name or the e-mail; sort orders them (by name unless asked); follow nextPageToken (or the Link header) for the next page.")
            .WithSortOrders(UserService.SortColumns)
            .ProducesProblems(StatusCodes.Status400BadRequest);

        users.MapPost("/", CreateAsync)
            .Idempotent()
            .RequireAuthorization(Policies.TenantAdmin)
            .WithName("CreateUser")
            .WithSummary("Add a colleague")
            .WithDescription("Without a password one is generated and returned once, in this answer. 409 email-taken when the customer already has "
                + "a user with this e-mail (an account in another customer is no obstacle, and is not revealed).")
            .WithResponseHeader(StatusCodes.Status201Created, "Location", "The new user.", HeaderKind.Uri)
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status409Conflict);

        users.MapGet("/{id:guid}", GetAsync)
            .WithName("GetUser")
            .WithSummary("One user")
            .WithDescription("A user of the caller's customer; any other id answers 404. With If-None-Match holding the current ETag, 304.")
            .WithConditionalGet()
            .ProducesProblems(StatusCodes.Status404NotFound);

        users.MapPatch("/{id:guid}", UpdateAsync)
            .RequireAuthorization(Policies.TenantAdmin)
            .WithName("UpdateUser")
            .WithSummary("Rename, change the role of, deactivate or reactivate a user")
            .WithDescription("Send only the fields to change. 409 last-admin when the change would leave the customer without an active admin." + IfMatchDescription)
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status412PreconditionFailed);

        users.MapPost("/{id:guid}/reset-password", ResetPasswordAsync)
            .Idempotent()
            .RequireAuthorization(Policies.TenantAdmin)
            .WithName("ResetUserPassword")
            .WithSummary("Set a new password and sign the user out everywhere")
            .WithDescription("Without a password one is generated and returned once, in this answer.")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);

        users.MapPost("/{id:guid}/sign-out", SignOutAsync)
            .Idempotent()
            .RequireAuthorization(Policies.TenantAdmin)
            .WithName("SignOutUser")
            .WithSummary("Sign the user out everywhere")
            .WithDescription("Ends their portal sessions and access tokens; personal access tokens stay valid.")
            .ProducesProblems(StatusCodes.Status404NotFound);

        users.MapPost("/{id:guid}/detach", DetachAsync)
            .Idempotent()
            .RequireAuthorization(Policies.TenantAdmin)
            .WithName("DetachUserFromDirectory")
            .WithSummary("Take the user from the directory's keeping")
            .WithDescription("A user the customer's directory provisioned (SCIM) has their name changed there: a rename here answers 409 directory-managed. "
                + "Detached, they are renamed here; the directory's next write keeps them again.")
            .ProducesProblems(StatusCodes.Status404NotFound);

        users.MapDelete("/{id:guid}", DeleteAsync)
            .RequireAuthorization(Policies.TenantAdmin)
            .WithName("DeleteUser")
            .WithSummary("Delete a user and their repo memberships")
            .WithDescription("409 last-admin when the user is the customer's last active admin." + IfMatchDescription)
            .ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status412PreconditionFailed);
        return api;
    }

    private static Task<Results<Ok<PageResponse<UserView>>, ProblemHttpResult>> ListAsync(
        string? q, string? sort, [AsParameters] PageRequest page, UserService service, CancellationToken cancellationToken) =>
        PageResponse<UserView>.ListAsync(page, query => service.ListAsync(query, cancellationToken), q, sort, UserService.SortColumns);

    private static async Task<Results<Created<CreatedUserResponse>, ProblemHttpResult>> CreateAsync(
        CreateUserRequest request, UserService service, CancellationToken cancellationToken) =>
        (await service.CreateAsync(request, cancellationToken)).ToHttpResult(created =>
            TypedResults.Created($"/api/v1/users/{created.User.Id}", new CreatedUserResponse(created.User.Id, created.User.Email,
                created.User.DisplayName, created.User.Role, created.User.IsActive, created.User.CreatedAt, created.GeneratedPassword)));

    private static async Task<Results<Ok<UserView>, StatusCodeHttpResult, ProblemHttpResult>> GetAsync(
        Guid id, [FromHeader(Name = "If-None-Match")] string? ifNoneMatch, UserService service, HttpContext http, CancellationToken cancellationToken) =>
        (await service.GetAsync(id, cancellationToken)).ToHttpResult(user => ETags.ConditionalOk(http, user)).Flatten();

    private static async Task<Results<Ok<UserView>, ProblemHttpResult>> UpdateAsync(
        Guid id, UpdateUserRequest request, [FromHeader(Name = "If-Match")] string? ifMatch, UserService service, HttpContext http, CancellationToken cancellationToken) =>
        (await service.UpdateAsync(id, request, ETags.IfMatchesRepresentation(http, (UserView user) => user), cancellationToken)).ToHttpResult(user => TypedResults.Ok(user));

    private static async Task<Results<Ok<ResetPasswordResponse>, ProblemHttpResult>> ResetPasswordAsync(
        Guid id, ResetPasswordRequest? request, UserService service, CancellationToken cancellationToken) =>
        (await service.ResetPasswordAsync(id, request?.Password, cancellationToken)).ToHttpResult(password =>
            TypedResults.Ok(new ResetPasswordResponse(request?.Password is { Length: > 0 } ? null : password)));

    private static async Task<Results<Ok<UserView>, ProblemHttpResult>> DetachAsync(Guid id, UserService service, CancellationToken cancellationToken) =>
        (await service.DetachFromDirectoryAsync(id, cancellationToken)).ToHttpResult(user => TypedResults.Ok(user));

    private static async Task<Results<NoContent, ProblemHttpResult>> SignOutAsync(Guid id, UserService service, CancellationToken cancellationToken) =>
        (await service.SignOutEverywhereAsync(id, cancellationToken)).ToHttpResult(_ => TypedResults.NoContent());

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        Guid id, [FromHeader(Name = "If-Match")] string? ifMatch, UserService service, HttpContext http, CancellationToken cancellationToken) =>
        (await service.DeleteAsync(id, ETags.IfMatchesRepresentation(http, (UserView user) => user), cancellationToken)).ToHttpResult(_ => TypedResults.NoContent());
}

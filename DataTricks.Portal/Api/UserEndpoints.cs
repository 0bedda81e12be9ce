using DataTricks.Domain.Common;
using DataTricks.Domain.Users;
using DataTricks.Portal.Security;

namespace DataTricks.Portal.Api;

public sealed record ResetPasswordRequest(string? Password);

/// <summary>The generated password, shown this once; null when the caller chose the password.</summary>
public sealed record ResetPasswordResponse(string? GeneratedPassword);

public static class UserEndpoints
{
    public static RouteGroupBuilder MapUserEndpoints(this RouteGroupBuilder api)
    {
        var users = api.MapGroup("/users").WithTags("Users").RequireAuthorization(Policies.TenantMember);

        users.MapGet("/", (string? search, int? pageSize, string? pageToken, UserService service, CancellationToken cancellationToken) =>
                ListQuery.FromApi(search, pageSize, pageToken).ToHttpResultAsync(async query =>
                    TypedResults.Ok(PageResponse<UserView>.From(await service.ListAsync(query, cancellationToken)))))
            .WithSummary("The customer's users, by name; search matches name or e-mail")
            .Produces<PageResponse<UserView>>()
            .ProducesValidationProblem();

        users.MapPost("/", async (CreateUserRequest request, UserService service, CancellationToken cancellationToken) =>
                (await service.CreateAsync(request, cancellationToken)).ToHttpResult(created =>
                    TypedResults.Created($"/api/v1/users/{created.User.Id}", new { created.User.Id, created.User.Email, created.User.DisplayName, created.User.Role, created.User.IsActive, created.User.CreatedAt, created.GeneratedPassword })))
            .RequireAuthorization(Policies.TenantAdmin)
            .WithSummary("Add a colleague; without a password one is generated and returned once")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);

        users.MapGet("/{id:guid}", async (Guid id, UserService service, CancellationToken cancellationToken) =>
                (await service.GetAsync(id, cancellationToken)).ToHttpResult(user => TypedResults.Ok(user)))
            .WithSummary("One user")
            .Produces<UserView>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        users.MapPatch("/{id:guid}", async (Guid id, UpdateUserRequest request, UserService service, CancellationToken cancellationToken) =>
                (await service.UpdateAsync(id, request, cancellationToken)).ToHttpResult(user => TypedResults.Ok(user)))
            .RequireAuthorization(Policies.TenantAdmin)
            .WithSummary("Rename, change the role of, deactivate or reactivate a user")
            .WithDescription("409 when the change would leave the customer without an active admin.")
            .Produces<UserView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        users.MapPost("/{id:guid}/reset-password", async (Guid id, ResetPasswordRequest? request, UserService service, CancellationToken cancellationToken) =>
                (await service.ResetPasswordAsync(id, request?.Password, cancellationToken)).ToHttpResult(password =>
                    TypedResults.Ok(new ResetPasswordResponse(request?.Password is { Length: > 0 } ? null : password))))
            .RequireAuthorization(Policies.TenantAdmin)
            .WithSummary("Set a new password (generated and returned once when none is given) and sign the user out everywhere")
            .Produces<ResetPasswordResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        users.MapPost("/{id:guid}/sign-out", async (Guid id, UserService service, CancellationToken cancellationToken) =>
                (await service.SignOutEverywhereAsync(id, cancellationToken)).ToHttpResult(_ => TypedResults.NoContent()))
            .RequireAuthorization(Policies.TenantAdmin)
            .WithSummary("Sign the user out everywhere: ends their portal sessions and access tokens")
            .ProducesProblem(StatusCodes.Status404NotFound);

        users.MapDelete("/{id:guid}", async (Guid id, UserService service, CancellationToken cancellationToken) =>
                (await service.DeleteAsync(id, cancellationToken)).ToHttpResult(_ => TypedResults.NoContent()))
            .RequireAuthorization(Policies.TenantAdmin)
            .WithSummary("Delete a user and their repo memberships")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }
}

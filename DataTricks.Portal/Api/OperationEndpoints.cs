using System.Globalization;
using DataTricks.Domain.ComputeEnvironments;
using DataTricks.Portal.Security;

namespace DataTricks.Portal.Api;

public static class OperationEndpoints
{
    public static RouteGroupBuilder MapOperationEndpoints(this RouteGroupBuilder api)
    {
        var operations = api.MapGroup("/operations").WithTags("Operations").RequireAuthorization(Policies.TenantMember);

        operations.MapGet("/{id:guid}", async (Guid id, OperationService service, HttpContext http, CancellationToken cancellationToken) =>
                (await service.GetAsync(id, cancellationToken)).ToHttpResult(operation =>
                {
                    if (!operation.Done)
                        http.Response.Headers.RetryAfter = ComputeEnvironmentEndpoints.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
                    return TypedResults.Ok(operation);
                }))
            .WithSummary("Follow an operation; Retry-After says when to look again while it is not done")
            .Produces<OperationView>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        operations.MapPost("/{id:guid}/cancel", async (Guid id, OperationService service, HttpContext http, CancellationToken cancellationToken) =>
                (await service.CancelAsync(id, cancellationToken)).ToHttpResult(result =>
                {
                    http.Response.Headers["Operation-Location"] = $"/api/v1/operations/{result.DeleteOperationId}";
                    return TypedResults.Json(result.Canceled, statusCode: StatusCodes.Status202Accepted);
                }))
            .RequireAuthorization(Policies.TenantAdmin)
            .WithSummary("Cancel a running create; the environment goes Deleting and its partial resources are removed")
            .WithDescription("Operation-Location points at the delete that removes the partial resources. 409 when the operation is done or is a delete.")
            .Produces<OperationView>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }
}

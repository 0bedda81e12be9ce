using System.Globalization;
using DataTricks.Domain.ComputeEnvironments;
using DataTricks.Portal.Security;
using Microsoft.AspNetCore.Mvc;

namespace DataTricks.Portal.Api;

public static class ComputeEnvironmentEndpoints
{
    /// <summary>How long clients should wait before polling an operation again.</summary>
    public const int RetryAfterSeconds = 5;

    public static RouteGroupBuilder MapComputeEnvironmentEndpoints(this RouteGroupBuilder api)
    {
        var environments = api.MapGroup("/compute-environments").WithTags("Compute environments").RequireAuthorization(Policies.TenantMember);

        environments.MapPost("/", async (CreateEnvironmentRequest request, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey,
                ComputeEnvironmentService service, HttpContext http, CancellationToken cancellationToken) =>
                (await service.CreateAsync(request, idempotencyKey, cancellationToken)).ToHttpResult(view => Accepted(http, view)))
            .RequireAuthorization(Policies.TenantAdmin)
            .WithSummary("Create an environment; provisioning continues in the background")
            .WithDescription("Answers 202 at once with the environment (status Pending), a Location, an Operation-Location to poll and a Retry-After. " +
                "An Idempotency-Key header makes retries safe: the same key and body return the same environment.")
            .Produces<EnvironmentResponse>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        environments.MapGet("/", async (string? status, int? pageSize, string? pageToken, ComputeEnvironmentService service, CancellationToken cancellationToken) =>
                (await service.ListAsync(status, pageSize, pageToken, cancellationToken)).ToHttpResult(page =>
                    TypedResults.Ok(new EnvironmentPageResponse(page.Items.Select(EnvironmentResponse.From).ToList(), page.NextPageToken))))
            .WithSummary("List environments, newest first")
            .Produces<EnvironmentPageResponse>()
            .ProducesValidationProblem();

        environments.MapGet("/{id:guid}", async (Guid id, ComputeEnvironmentService service, HttpContext http, CancellationToken cancellationToken) =>
                (await service.GetAsync(id, cancellationToken)).ToHttpResult(view => WithETag(http, view)))
            .WithSummary("One environment, with an ETag for conditional updates")
            .Produces<EnvironmentResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        environments.MapPatch("/{id:guid}", async (Guid id, UpdateEnvironmentRequest request, ComputeEnvironmentService service, HttpContext http, CancellationToken cancellationToken) =>
            {
                if (!ETags.TryParseIfMatch(http.Request.Headers.IfMatch, out var expected))
                    return TypedResults.Problem("The If-Match header does not match the environment's ETag.", statusCode: StatusCodes.Status412PreconditionFailed);
                // A resize is an operation to follow; a rename is done.
                return (await service.UpdateAsync(id, request, expected, cancellationToken)).ToHttpResult(view =>
                    view.Status == ComputeEnvironmentStatus.Resizing ? Accepted(http, view, location: false) : WithETag(http, view));
            })
            .RequireAuthorization(Policies.TenantAdmin)
            .WithSummary("Rename (200) or resize (202 with Operation-Location) an environment; If-Match is honoured")
            .Produces<EnvironmentResponse>()
            .Produces<EnvironmentResponse>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);

        environments.MapDelete("/{id:guid}", async (Guid id, ComputeEnvironmentService service, HttpContext http, CancellationToken cancellationToken) =>
                (await service.DeleteAsync(id, cancellationToken)).ToHttpResult(view => Accepted(http, view, location: false)))
            .RequireAuthorization(Policies.TenantAdmin)
            .WithSummary("Delete an environment and every cloud resource it has")
            .WithDescription("Refused with 409, listing the bound repos (repos: [{id, name}]), while repos use the environment.")
            .Produces<EnvironmentResponse>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        environments.MapPost("/{id:guid}/repair", async (Guid id, ComputeEnvironmentService service, HttpContext http, CancellationToken cancellationToken) =>
                (await service.RepairAsync(id, cancellationToken)).ToHttpResult(view => Accepted(http, view, location: false)))
            .RequireAuthorization(Policies.TenantAdmin)
            .WithSummary("Recreate the cloud resources of a Degraded environment")
            .Produces<EnvironmentResponse>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        environments.MapPost("/{id:guid}/retry", async (Guid id, ComputeEnvironmentService service, HttpContext http, CancellationToken cancellationToken) =>
                (await service.RetryAsync(id, cancellationToken)).ToHttpResult(view => Accepted(http, view, location: false)))
            .RequireAuthorization(Policies.TenantAdmin)
            .WithSummary("Retry a Failed environment from the step that failed")
            .Produces<EnvironmentResponse>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    private static IResult Accepted(HttpContext http, EnvironmentView view, bool location = true)
    {
        if (location)
            http.Response.Headers.Location = $"/api/v1/compute-environments/{view.Id}";
        if (view.OperationId is { } operationId)
            http.Response.Headers["Operation-Location"] = $"/api/v1/operations/{operationId}";
        http.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return TypedResults.Json(EnvironmentResponse.From(view), statusCode: StatusCodes.Status202Accepted);
    }

    private static IResult WithETag(HttpContext http, EnvironmentView view)
    {
        http.Response.Headers.ETag = ETags.For(view.Version);
        return TypedResults.Ok(EnvironmentResponse.From(view));
    }
}

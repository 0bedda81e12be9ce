using System.ComponentModel.DataAnnotations;
using DataTricks.Domain.Common;
using DataTricks.Domain.ComputeEnvironments;
using DataTricks.Portal.Api.OpenApi;
using DataTricks.Portal.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace DataTricks.Portal.Api;

public static class ComputeEnvironmentEndpoints
{
    private const string IfMatchDescription = "Apply only if the environment's ETag is one of these (strong comparison); otherwise 412.";

    public static RouteGroupBuilder MapComputeEnvironmentEndpoints(this RouteGroupBuilder api)
    {
        var environments = api.MapGroup("/compute-environments").WithTags("Compute environments").RequireAuthorization(Policies.TenantMember);

        environments.MapPost("/", CreateAsync)
            .Idempotent()
            .RequireAuthorization(Policies.TenantAdmin)
            .WithName("CreateComputeEnvironment")
            .WithSummary("Create an environment; provisioning continues in the background")
            .WithDescription("Answers 202 at once with the environment (status Pending), its Location, an Operation-Location to follow and a Retry-After. " +
                "Send an Idempotency-Key: a create whose answer was lost is retried with it and creates one environment, even if its node died mid-request.")
            .WithOperationHeaders(location: true)
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status409Conflict);

        environments.MapGet("/", ListAsync)
            .WithName("ListComputeEnvironments")
            .WithSummary("List environments")
            .WithDescription("q matches the name; status, createdAfter (inclusive) and createdBefore (exclusive) narrow the list; sort orders it " +
                "(newest first unless asked); follow nextPageToken (or the Link header) for the next page.")
            .WithQueryEnum("status", nameof(ComputeEnvironmentStatus))
            .WithSortOrders(ComputeEnvironmentService.SortColumns)
            .ProducesProblems(StatusCodes.Status400BadRequest);

        environments.MapGet("/{id:guid}", GetAsync)
            .WithName("GetComputeEnvironment")
            .WithSummary("One environment, with its ETag")
            .WithDescription("With If-None-Match holding the current ETag, answers 304 and no body.")
            .WithConditionalGet()
            .ProducesProblems(StatusCodes.Status404NotFound);

        environments.MapPatch("/{id:guid}", UpdateAsync)
            .RequireAuthorization(Policies.TenantAdmin)
            .WithName("UpdateComputeEnvironment")
            .WithSummary("Rename (200) or resize (202 with an Operation-Location) an environment")
            .WithDescription("Send only the fields to change. " + IfMatchDescription)
            .WithResponseHeader(StatusCodes.Status200OK, "ETag", "The environment's new version.")
            .WithOperationHeaders()
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status412PreconditionFailed);

        environments.MapDelete("/{id:guid}", DeleteAsync)
            .RequireAuthorization(Policies.TenantAdmin)
            .WithName("DeleteComputeEnvironment")
            .WithSummary("Delete an environment and every cloud resource it has")
            .WithDescription("Refused with 409 environment-in-use, listing the bound repos, while repos use the environment. " + IfMatchDescription)
            .WithOperationHeaders()
            .Produces<EnvironmentConflictProblem>(StatusCodes.Status409Conflict, "application/problem+json")
            .ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status412PreconditionFailed);

        MapRequeue(environments.MapPost("/{id:guid}/repair", RepairAsync), "RepairComputeEnvironment", "Recreate the cloud resources of a Degraded environment");
        MapRequeue(environments.MapPost("/{id:guid}/retry", RetryAsync), "RetryComputeEnvironment", "Retry a Failed environment from the step that failed");

        environments.MapGet("/{id:guid}/operations", ListOperationsAsync)
            .WithName("ListComputeEnvironmentOperations")
            .WithSummary("The environment's operations, newest first")
            .WithDescription("Its history: creates, resizes, repairs, deletes, with their outcome.")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
        return api;
    }

    /// <summary>What a repair and a retry declare alike: both put the environment back to Provisioning behind a new operation.</summary>
    private static void MapRequeue(RouteHandlerBuilder endpoint, string name, string summary) =>
        endpoint
            .Idempotent()
            .RequireAuthorization(Policies.TenantAdmin)
            .WithName(name)
            .WithSummary(summary)
            .WithDescription("Answers 202 with an Operation-Location to follow; 409 when the environment is in another state. " + IfMatchDescription)
            .WithOperationHeaders()
            .ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status412PreconditionFailed);

    private static async Task<Results<Accepted<EnvironmentResponse>, ProblemHttpResult>> CreateAsync(
        CreateEnvironmentRequest request,
        [FromHeader(Name = "Idempotency-Key"), StringLength(IdempotencyRecord.KeyMaxLength, MinimumLength = 1)] string? idempotencyKey,
        ComputeEnvironmentService service, HttpContext http, CancellationToken cancellationToken) =>
        (await service.CreateAsync(request, idempotencyKey, cancellationToken)).ToHttpResult(created =>
        {
            if (created.Replayed)
                http.Response.Headers[ResponseHeaders.IdempotentReplayed] = "true";
            return Accepted(http, created.Environment, $"/api/v1/compute-environments/{created.Environment.Id}");
        });

    private static Task<Results<Ok<PageResponse<EnvironmentResponse>>, ProblemHttpResult>> ListAsync(
        string? q, string? status, DateTimeOffset? createdAfter, DateTimeOffset? createdBefore, string? sort, [AsParameters] PageRequest page,
        ComputeEnvironmentService service, CancellationToken cancellationToken) =>
        EnvironmentListQuery.FromApi(q, sort, status, new CreatedRange(createdAfter, createdBefore), page.PageSize, page.PageToken).ToHttpResultAsync(async query =>
            TypedResults.Ok(PageResponse<EnvironmentResponse>.From((await service.ListAsync(query, cancellationToken)).Map(EnvironmentResponse.From))));

    private static async Task<Results<Ok<EnvironmentResponse>, StatusCodeHttpResult, ProblemHttpResult>> GetAsync(
        Guid id, [FromHeader(Name = "If-None-Match")] string? ifNoneMatch, ComputeEnvironmentService service, HttpContext http, CancellationToken cancellationToken) =>
        (await service.GetAsync(id, cancellationToken))
            .ToHttpResult(view => ETags.VersionedOk(http, EnvironmentResponse.From(view), view.Version)).Flatten();

    private static async Task<Results<Ok<EnvironmentResponse>, Accepted<EnvironmentResponse>, ProblemHttpResult>> UpdateAsync(
        Guid id, UpdateEnvironmentRequest request, [FromHeader(Name = "If-Match")] string? ifMatch,
        ComputeEnvironmentService service, HttpContext http, CancellationToken cancellationToken) =>
        (await service.UpdateAsync(id, request, ETags.IfMatch(http.Request.Headers.IfMatch), cancellationToken))
            .ToHttpResult<EnvironmentView, Results<Ok<EnvironmentResponse>, Accepted<EnvironmentResponse>>>(view =>
                // A resize is an operation to follow; a rename is done.
                view.Status == ComputeEnvironmentStatus.Resizing ? Accepted(http, view) : WithETag(http, view)).Flatten();

    private static async Task<Results<Accepted<EnvironmentResponse>, ProblemHttpResult>> DeleteAsync(
        Guid id, [FromHeader(Name = "If-Match")] string? ifMatch, ComputeEnvironmentService service, HttpContext http, CancellationToken cancellationToken) =>
        (await service.DeleteAsync(id, ETags.IfMatch(http.Request.Headers.IfMatch), cancellationToken)).ToHttpResult(view => Accepted(http, view));

    private static async Task<Results<Accepted<EnvironmentResponse>, ProblemHttpResult>> RepairAsync(
        Guid id, [FromHeader(Name = "If-Match")] string? ifMatch, ComputeEnvironmentService service, HttpContext http, CancellationToken cancellationToken) =>
        (await service.RepairAsync(id, ETags.IfMatch(http.Request.Headers.IfMatch), cancellationToken)).ToHttpResult(view => Accepted(http, view));

    private static async Task<Results<Accepted<EnvironmentResponse>, ProblemHttpResult>> RetryAsync(
        Guid id, [FromHeader(Name = "If-Match")] string? ifMatch, ComputeEnvironmentService service, HttpContext http, CancellationToken cancellationToken) =>
        (await service.RetryAsync(id, ETags.IfMatch(http.Request.Headers.IfMatch), cancellationToken)).ToHttpResult(view => Accepted(http, view));

    private static Task<Results<Ok<PageResponse<OperationView>>, ProblemHttpResult>> ListOperationsAsync(
        Guid id, [AsParameters] PageRequest page, OperationService service, CancellationToken cancellationToken) =>
        PageResponse<OperationView>.ListAsync(page, query => service.ListForEnvironmentAsync(id, query, cancellationToken));

    private static Accepted<EnvironmentResponse> Accepted(HttpContext http, EnvironmentView view, string? location = null)
    {
        if (view.OperationId is { } operationId)
            http.Response.Headers[ResponseHeaders.OperationLocation] = $"/api/v1/operations/{operationId}";
        http.Response.Headers.RetryAfter = RetryAfter.FirstLook;
        http.Response.Headers.ETag = ETags.For(view.Version);
        return TypedResults.Accepted(location, EnvironmentResponse.From(view));
    }

    private static Ok<EnvironmentResponse> WithETag(HttpContext http, EnvironmentView view)
    {
        http.Response.Headers.ETag = ETags.For(view.Version);
        return TypedResults.Ok(EnvironmentResponse.From(view));
    }
}

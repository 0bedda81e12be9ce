using DataTricks.Domain.Common;
using DataTricks.Domain.ComputeEnvironments;
using DataTricks.Portal.Api.OpenApi;
using DataTricks.Portal.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DataTricks.Portal.Api;

public static class OperationEndpoints
{
    public static RouteGroupBuilder MapOperationEndpoints(this RouteGroupBuilder api)
    {
        var operations = api.MapGroup("/operations").WithTags("Operations").RequireAuthorization(Policies.TenantMember);

        operations.MapGet("/", ListAsync)
            .WithName("ListOperations")
            .WithSummary("The customer's operations across its environments, newest first")
            .WithDescription("status, kind, environmentId, createdAfter (inclusive) and createdBefore (exclusive) narrow the list; " +
                "follow nextPageToken (or the Link header) for the next page.")
            .WithQueryEnum("status", nameof(Domain.Provisioning.OperationStatus))
            .WithQueryEnum("kind", nameof(Domain.Provisioning.OperationKind))
            .ProducesProblems(StatusCodes.Status400BadRequest);

        operations.MapGet("/{id:guid}", GetAsync)
            .WithName("GetOperation")
            .WithSummary("Follow an operation")
            .WithDescription("With wait (e.g. 30s, at most 60s) the answer comes as soon as the operation is done or the time is up. " +
                "While it is not done, Retry-After says when the engine next looks at it.")
            .WithResponseHeader(StatusCodes.Status200OK, "Retry-After", "While the operation is not done: seconds until it may have moved.", HeaderKind.Seconds)
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);

        operations.MapPost("/{id:guid}/cancel", CancelAsync)
            .Idempotent()
            .RequireAuthorization(Policies.TenantAdmin)
            .WithName("CancelOperation")
            .WithSummary("Cancel a running create; the environment goes Deleting and its partial resources are removed")
            .WithDescription("Answers the create as it is after the cancel (cancelRequestedAt set; it ends Canceled). " +
                "Operation-Location points at the delete that removes the partial resources. 409 when the operation is done or is not a create, " +
                "or (environment-in-use) while repos use the environment.")
            .WithOperationHeaders()
            .Produces<EnvironmentConflictProblem>(StatusCodes.Status409Conflict, "application/problem+json")
            .ProducesProblems(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<Results<Ok<PageResponse<OperationView>>, ProblemHttpResult>> ListAsync(
        string? status, string? kind, Guid? environmentId, DateTimeOffset? createdAfter, DateTimeOffset? createdBefore, [AsParameters] PageRequest page,
        OperationService service, CancellationToken cancellationToken) =>
        await OperationListQuery.FromApi(status, kind, environmentId, new CreatedRange(createdAfter, createdBefore), page.PageSize, page.PageToken)
            .ToHttpResultAsync(async query => TypedResults.Ok(PageResponse<OperationView>.From(await service.ListAsync(query, cancellationToken))));

    private static async Task<Results<Ok<OperationView>, ProblemHttpResult>> GetAsync(
        Guid id, string? wait, OperationWaiter waiter, HttpContext http, TimeProvider time, CancellationToken cancellationToken)
    {
        if (OperationWaiter.ParseWait(wait) is not { } duration)
            return Failure.Invalid("wait", $"wait is a number of seconds from 0s to {OperationWaiter.MaxWait.TotalSeconds:0}s, such as 30s.").ToProblem();
        return (await waiter.WaitAsync(id, duration, cancellationToken)).ToHttpResult(operation =>
        {
            if (RetryAfter.For(operation, time.GetUtcNow()) is { } retryAfter)
                http.Response.Headers.RetryAfter = retryAfter;
            return TypedResults.Ok(operation);
        });
    }

    private static async Task<Results<Accepted<OperationView>, ProblemHttpResult>> CancelAsync(
        Guid id, OperationService service, HttpContext http, CancellationToken cancellationToken) =>
        (await service.CancelAsync(id, cancellationToken)).ToHttpResult(result =>
        {
            http.Response.Headers[ResponseHeaders.OperationLocation] = $"/api/v1/operations/{result.DeleteOperationId}";
            http.Response.Headers.RetryAfter = RetryAfter.FirstLook;
            return TypedResults.Accepted((string?)null, result.Canceled);
        });
}

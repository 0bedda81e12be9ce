using System.Security.Claims;
using DataTricks.Domain.Common;
using DataTricks.Domain.Customers;
using DataTricks.Domain.Impersonation;
using DataTricks.Portal.Api.OpenApi;
using DataTricks.Portal.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DataTricks.Portal.Api;

public sealed record StartImpersonationRequest(Guid CustomerId, string? Reason);

public static class SupportEndpoints
{
    public static RouteGroupBuilder MapSupportEndpoints(this RouteGroupBuilder api)
    {
        var support = api.MapGroup("/support").RequireAuthorization(Policies.Support).WithTags("Support");
        support.MapGet("/customers", ListCustomersAsync)
            .WithName("ListCustomersForSupport")
            .WithSummary("Customers, for staff choosing whom to help")
            .WithDescription("With each one's support access grant, if any. q matches the name; sort orders them (by name unless asked).")
            .WithSortOrders(CustomerDirectoryService.SortColumns)
            .ProducesProblems(StatusCodes.Status400BadRequest);
        support.MapPost("/impersonation", StartImpersonationAsync)
            .Idempotent()
            .WithName("StartImpersonation")
            .WithSummary("Start acting inside a customer")
            .WithDescription("For at most 60 minutes, and never past the customer's support access grant (403 support-access-not-granted without one). The reason is audited.")
            .WithResponseHeader(StatusCodes.Status201Created, "Location", "The impersonation.", HeaderKind.Uri)
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
        support.MapGet("/impersonation", GetImpersonationAsync)
            .WithName("GetImpersonation")
            .WithSummary("The caller's active impersonation")
            .WithDescription("404 when none is active.")
            .ProducesProblems(StatusCodes.Status404NotFound);
        support.MapDelete("/impersonation", EndImpersonationAsync)
            .WithName("EndImpersonation")
            .WithSummary("End the caller's impersonation")
            .WithDescription("Idempotent: ending none changes nothing.");
        return api;
    }


    private static Task<Results<Ok<PageResponse<CustomerSummary>>, ProblemHttpResult>> ListCustomersAsync(
        string? q, string? sort, [AsParameters] PageRequest page, CustomerDirectoryService directory, CancellationToken cancellationToken) =>
        PageResponse<CustomerSummary>.ListAsync(page, query => directory.ListAsync(query, cancellationToken), q, sort, CustomerDirectoryService.SortColumns);

    private static async Task<Results<Created<ActiveImpersonation>, ProblemHttpResult>> StartImpersonationAsync(
        StartImpersonationRequest request, ClaimsPrincipal caller, ImpersonationService impersonation, CancellationToken cancellationToken) =>
        (await impersonation.StartAsync(caller.UserId(), request.CustomerId, request.Reason, cancellationToken))
            .ToHttpResult(session => TypedResults.Created("/api/v1/support/impersonation", session));

    private static async Task<Results<Ok<ActiveImpersonation>, ProblemHttpResult>> GetImpersonationAsync(
        ClaimsPrincipal caller, ImpersonationService impersonation, CancellationToken cancellationToken) =>
        await impersonation.GetActiveAsync(caller.UserId(), cancellationToken) is { } session
            ? TypedResults.Ok(session)
            : Failure.NotFound("An active impersonation").ToProblem();

    private static async Task<NoContent> EndImpersonationAsync(ClaimsPrincipal caller, ImpersonationService impersonation, CancellationToken cancellationToken)
    {
        await impersonation.EndAsync(caller.UserId(), cancellationToken);
        return TypedResults.NoContent();
    }
}

using System.Security.Claims;
using DataTricks.Domain.Common;
using DataTricks.Domain.Customers;
using DataTricks.Domain.Impersonation;
using DataTricks.Portal.Security;

namespace DataTricks.Portal.Api;

public sealed record StartImpersonationRequest(Guid CustomerId, string? Reason);

public static class SupportEndpoints
{
    public static RouteGroupBuilder MapSupportEndpoints(this RouteGroupBuilder api)
    {
        var support = api.MapGroup("/support").RequireAuthorization(Policies.Support).WithTags("Support");
        support.MapGet("/customers", (string? search, int? pageSize, string? pageToken, CustomerDirectoryService directory, CancellationToken cancellationToken) =>
                ListQuery.FromApi(search, pageSize, pageToken).ToHttpResultAsync(async query =>
                    TypedResults.Ok(PageResponse<CustomerSummary>.From(await directory.ListAsync(query, cancellationToken)))))
            .WithSummary("Customers, for staff choosing whom to help")
            .Produces<PageResponse<CustomerSummary>>()
            .ProducesValidationProblem();
        support.MapPost("/impersonation", async (StartImpersonationRequest request, ClaimsPrincipal caller, ImpersonationService impersonation, CancellationToken cancellationToken) =>
                (await impersonation.StartAsync(caller.UserId(), request.CustomerId, request.Reason, cancellationToken))
                    .ToHttpResult(session => TypedResults.Created("/api/v1/support/impersonation", session)))
            .WithSummary("Start acting inside a customer for at most 60 minutes; the reason is audited")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        support.MapGet("/impersonation", async (ClaimsPrincipal caller, ImpersonationService impersonation, CancellationToken cancellationToken) =>
                await impersonation.GetActiveAsync(caller.UserId(), cancellationToken) is { } session
                    ? Results.Ok(session)
                    : Results.Problem("No impersonation is active.", statusCode: StatusCodes.Status404NotFound))
            .WithSummary("The caller's active impersonation");
        support.MapDelete("/impersonation", async (ClaimsPrincipal caller, ImpersonationService impersonation, CancellationToken cancellationToken) =>
            {
                await impersonation.EndAsync(caller.UserId(), cancellationToken);
                return TypedResults.NoContent();
            })
            .WithSummary("End the caller's impersonation");
        return api;
    }
}

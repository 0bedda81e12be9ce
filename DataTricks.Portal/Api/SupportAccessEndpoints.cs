using DataTricks.Domain.SupportAccess;
using DataTricks.Portal.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DataTricks.Portal.Api;

public sealed record GrantSupportAccessRequest(DateTimeOffset? ExpiresAt);

public static class SupportAccessEndpoints
{
    public static RouteGroupBuilder MapSupportAccessEndpoints(this RouteGroupBuilder api)
    {
        var access = api.MapGroup("/customer/support-access").WithTags("Customer").RequireAuthorization(Policies.TenantAdmin);
        access.MapGet("/", GetAsync)
            .WithName("GetSupportAccess")
            .WithSummary("Whether DataTricks support may act inside the customer, and until when")
            .WithDescription("404 when no grant is open.")
            .ProducesProblems(StatusCodes.Status404NotFound);
        access.MapPut("/", GrantAsync)
            .WithName("GrantSupportAccess")
            .WithSummary("Let DataTricks support act inside the customer")
            .WithDescription("Until expiresAt, 1 hour to 30 days from now; a new grant replaces the open one.")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status409Conflict);
        access.MapDelete("/", RevokeAsync)
            .WithName("RevokeSupportAccess")
            .WithSummary("Revoke support access")
            .WithDescription("Running impersonations end at once.")
            .ProducesProblems(StatusCodes.Status404NotFound);
        return api;
    }


    private static async Task<Results<Ok<SupportAccessView>, ProblemHttpResult>> GetAsync(SupportAccessService service, CancellationToken cancellationToken) =>
        (await service.GetAsync(cancellationToken)).ToHttpResult(view => TypedResults.Ok(view));

    private static async Task<Results<Ok<SupportAccessView>, ProblemHttpResult>> GrantAsync(
        GrantSupportAccessRequest request, SupportAccessService service, CancellationToken cancellationToken) =>
        (await service.GrantAsync(request.ExpiresAt, cancellationToken)).ToHttpResult(view => TypedResults.Ok(view));

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeAsync(SupportAccessService service, CancellationToken cancellationToken) =>
        (await service.RevokeAsync(cancellationToken)).ToHttpResult(_ => TypedResults.NoContent());
}

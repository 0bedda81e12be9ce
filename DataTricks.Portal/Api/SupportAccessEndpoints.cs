using DataTricks.Domain.SupportAccess;
using DataTricks.Portal.Security;

namespace DataTricks.Portal.Api;

public sealed record GrantSupportAccessRequest(DateTimeOffset? ExpiresAt);

public static class SupportAccessEndpoints
{
    public static RouteGroupBuilder MapSupportAccessEndpoints(this RouteGroupBuilder api)
    {
        var access = api.MapGroup("/customer/support-access").WithTags("Customer").RequireAuthorization(Policies.TenantAdmin);
        access.MapGet("/", async (SupportAccessService service, CancellationToken cancellationToken) =>
                (await service.GetAsync(cancellationToken)).ToHttpResult(view => TypedResults.Ok(view)))
            .WithSummary("Whether DataTricks support may act inside the customer, and until when")
            .Produces<SupportAccessView>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        access.MapPut("/", async (GrantSupportAccessRequest request, SupportAccessService service, CancellationToken cancellationToken) =>
                (await service.GrantAsync(request.ExpiresAt, cancellationToken)).ToHttpResult(view => TypedResults.Ok(view)))
            .WithSummary("Let DataTricks support act inside the customer until expiresAt (1 hour to 30 days from now)")
            .Produces<SupportAccessView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict);
        access.MapDelete("/", async (SupportAccessService service, CancellationToken cancellationToken) =>
                (await service.RevokeAsync(cancellationToken)).ToHttpResult(_ => TypedResults.NoContent()))
            .WithSummary("Revoke support access; running impersonations end at once")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }
}

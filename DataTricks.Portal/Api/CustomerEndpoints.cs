using DataTricks.Domain.Customers;
using DataTricks.Portal.Security;

namespace DataTricks.Portal.Api;

public sealed record RenameCustomerRequest(string? Name);

public static class CustomerEndpoints
{
    public static RouteGroupBuilder MapCustomerEndpoints(this RouteGroupBuilder api)
    {
        var customer = api.MapGroup("/customer").WithTags("Customer");
        customer.MapGet("/", async (CustomerService service, CancellationToken cancellationToken) =>
                (await service.GetAsync(cancellationToken)).ToHttpResult(summary => TypedResults.Ok(ToResponse(summary))))
            .RequireAuthorization(Policies.TenantMember)
            .WithSummary("The caller's own customer");
        customer.MapPatch("/", async (RenameCustomerRequest request, CustomerService service, CancellationToken cancellationToken) =>
                (await service.RenameAsync(request.Name, cancellationToken)).ToHttpResult(summary => TypedResults.Ok(ToResponse(summary))))
            .RequireAuthorization(Policies.TenantAdmin)
            .WithSummary("Rename the caller's customer")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    private static object ToResponse(CustomerSummary summary) => new
    {
        summary.Id, summary.Name, summary.CreatedAt, summary.UserCount, summary.RepoCount, summary.EnvironmentCount,
    };
}

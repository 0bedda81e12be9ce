using DataTricks.Domain.Customers;
using DataTricks.Portal.Api.OpenApi;
using DataTricks.Portal.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace DataTricks.Portal.Api;

public sealed record RenameCustomerRequest(string? Name);

/// <param name="Version">Moves at every change of the customer itself (its name).</param>
public sealed record CustomerResponse(Guid Id, string Name, DateTimeOffset CreatedAt, int UserCount, int RepoCount, int EnvironmentCount, long Version)
{
    public static CustomerResponse From(CustomerSummary summary) =>
        new(summary.Id, summary.Name, summary.CreatedAt, summary.UserCount, summary.RepoCount, summary.EnvironmentCount, summary.Version);
}

public static class CustomerEndpoints
{
    public static RouteGroupBuilder MapCustomerEndpoints(this RouteGroupBuilder api)
    {
        var customer = api.MapGroup("/customer").WithTags("Customer");
        customer.MapGet("/", GetAsync)
            .RequireAuthorization(Policies.TenantMember)
            .WithName("GetCustomer")
            .WithSummary("The caller's own customer")
            .WithDescription("Its name and how many users, repos and environments it has. With If-None-Match holding the current ETag, 304.")
            .WithConditionalGet()
            .ProducesProblems(StatusCodes.Status404NotFound);
        customer.MapPatch("/", RenameAsync)
            .RequireAuthorization(Policies.TenantAdmin)
            .WithName("RenameCustomer")
            .WithSummary("Rename the caller's customer")
            .WithDescription("409 name-taken when another customer has the name. With If-Match holding the ETag of a GET, applied only if the " +
                "customer still is what that GET answered; otherwise 412.")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status409Conflict, StatusCodes.Status412PreconditionFailed);
        return api;
    }


    private static async Task<Results<Ok<CustomerResponse>, StatusCodeHttpResult, ProblemHttpResult>> GetAsync(
        [FromHeader(Name = "If-None-Match")] string? ifNoneMatch, CustomerService service, HttpContext http, CancellationToken cancellationToken) =>
        (await service.GetAsync(cancellationToken)).ToHttpResult(summary => ETags.ConditionalOk(http, CustomerResponse.From(summary))).Flatten();

    private static async Task<Results<Ok<CustomerResponse>, ProblemHttpResult>> RenameAsync(
        RenameCustomerRequest request, [FromHeader(Name = "If-Match")] string? ifMatch, CustomerService service, HttpContext http, CancellationToken cancellationToken) =>
        (await service.RenameAsync(request.Name, ETags.IfMatchesRepresentation<CustomerSummary, CustomerResponse>(http, CustomerResponse.From), cancellationToken))
            .ToHttpResult(summary => TypedResults.Ok(CustomerResponse.From(summary)));
}

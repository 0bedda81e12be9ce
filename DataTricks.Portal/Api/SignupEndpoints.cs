using DataTricks.Portal.Security;
using DataTricks.Domain.Customers;

namespace DataTricks.Portal.Api;

public static class SignupEndpoints
{
    public static RouteGroupBuilder MapSignupEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/signup", async (SignupRequest request, SignupService signup, CancellationToken cancellationToken) =>
                (await signup.SignUpAsync(request, cancellationToken)).ToHttpResult(created =>
                    TypedResults.Created("/api/v1/customer", new { created.CustomerId, created.UserId })))
            .AllowAnonymous()
            .RequireRateLimiting(SignInRateLimit.Policy)
            .WithSummary("Sign up a new customer and its first admin")
            .Produces(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }
}

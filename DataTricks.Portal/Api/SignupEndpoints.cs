using DataTricks.Domain.Customers;
using DataTricks.Portal.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DataTricks.Portal.Api;

public static class SignupEndpoints
{
    public static RouteGroupBuilder MapSignupEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/signup", SignUpAsync)
            .Idempotent()
            .AllowAnonymous()
            .RequireRateLimiting(SignInRateLimit.Policy)
            .WithName("SignUp")
            .WithTags("Sign-up")
            .WithSummary("Sign up a new customer and its first admin")
            .WithDescription("Open to anyone. The admin then gets a token with POST /api/v1/auth/token. 409 name-taken when another customer has the name; the admin's e-mail is never refused as taken, since an address is unique within a customer only.")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status409Conflict);
        return api;
    }


    private static async Task<Results<Created<SignupResult>, ProblemHttpResult>> SignUpAsync(
        SignupRequest request, SignupService signup, CancellationToken cancellationToken) =>
        (await signup.SignUpAsync(request, cancellationToken)).ToHttpResult(created => TypedResults.Created("/api/v1/customer", created));
}

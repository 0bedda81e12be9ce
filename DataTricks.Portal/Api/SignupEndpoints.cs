using DataTricks.Portal.Security;
using DataTricks.Domain.Customers;

namespace DataTricks.Portal.Api;

public static class SignupEndpoints
{
    public static RouteGroupBuilder MapSignupEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/signup", async (SignupRequest request, SignupService signup, CancellationToken cancellationToken) =>
                (await signup.SignUpAsync(request, cancellationToken)).ToHttpResult(created =>
                    TypedResults.Created("/api/v1/customer", created)))
            .AllowAnonymous()
            .RequireRateLimiting(SignInRateLimit.Policy)
            .WithName("SignUp")
            .WithTags("Sign-up")
            .WithSummary("Sign up a new customer and its first admin")
            .WithDescription("Open to anyone. The admin then gets a token with POST /api/v1/auth/token. 409 name-taken or email-taken.")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status409Conflict);
        return api;
    }
}

using DataTricks.Domain.Common;
using DataTricks.Domain.Users;
using DataTricks.Portal.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace DataTricks.Portal.Api;

public sealed record TokenRequest(string? Email, string? Password);

public sealed record AccessTokenResponse(string AccessToken, string TokenType, DateTimeOffset ExpiresAt);

public static class AuthTokenEndpoints
{
    public static RouteGroupBuilder MapAuthTokenEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/auth/token", IssueAsync)
            .AllowAnonymous()
            .RequireRateLimiting(SignInRateLimit.Policy)
            .WithName("IssueAccessToken")
            .WithTags("Authentication")
            .WithSummary("Exchange an e-mail and password for a short-lived access token")
            .WithDescription("Open to anyone, and rate limited. A wrong e-mail and a wrong password answer the same 401.")
            .Produces<AccessTokenResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        return api;
    }

    private static async Task<IResult> IssueAsync(
        TokenRequest request, HttpContext context, PasswordSignIn signIn, SignInManager<User> signInManager,
        IOptionsMonitor<BearerTokenOptions> bearerOptions, TimeProvider time)
    {
        var attempt = await signIn.CheckAsync(request.Email, request.Password, context.RequestAborted);
        if (attempt.Outcome == SignInOutcome.Throttled)
        {
            await SignInRateLimit.TooManyAttempts(context, attempt.RetryAfter!.Value);
            return TypedResults.Empty;
        }
        if (attempt.Outcome == SignInOutcome.Invalid)
            return Failure.Invalid("email", SignInAttempt.InvalidEmailMessage).ToProblem();
        if (attempt.User is not { } user)
            return TypedResults.Problem(SignInAttempt.FailedMessage, statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized.");

        // Identity's bearer handler validates what its own protector wrote; only the response shape is ours.
        var options = bearerOptions.Get(IdentityConstants.BearerScheme);
        var expiresAt = time.GetUtcNow() + options.BearerTokenExpiration;
        var principal = await signInManager.CreateUserPrincipalAsync(user);
        var ticket = new AuthenticationTicket(principal, new AuthenticationProperties { ExpiresUtc = expiresAt }, IdentityConstants.BearerScheme);
        return TypedResults.Ok(new AccessTokenResponse(options.BearerTokenProtector.Protect(ticket), "Bearer", expiresAt));
    }
}

using DataTricks.Domain.Common;
using DataTricks.Domain.Users;
using DataTricks.Portal.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace DataTricks.Portal.Api;

/// <param name="CustomerId">Which customer's account to sign in to, when the address has accounts in several (a 409 <c>customer-required</c> lists them).</param>
public sealed record TokenRequest(string? Email, string? Password, Guid? CustomerId = null);

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
            .WithDescription("Open to anyone, and rate limited. A wrong e-mail and a wrong password answer the same 401. An address is unique "
                + "within a customer only: when the password opens accounts in several customers, the answer is 409 customer-required "
                + "listing them, and the request is sent again with customerId. A customer that requires single sign-on refuses its users' "
                + "passwords with 403 sso-required, but for its break-glass admins; personal access tokens keep working.")
            .Produces<AccessTokenResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .Produces<CustomerRequiredProblem>(StatusCodes.Status409Conflict, "application/problem+json");
        return api;
    }

    private static async Task<IResult> IssueAsync(
        TokenRequest request, HttpContext context, PasswordSignIn signIn, SignInManager<User> signInManager,
        IOptionsMonitor<BearerTokenOptions> bearerOptions, TimeProvider time)
    {
        var attempt = await signIn.CheckAsync(request.Email, request.Password, request.CustomerId, context.RequestAborted);
        if (attempt.Outcome == SignInOutcome.Throttled)
        {
            await SignInRateLimit.TooManyAttempts(context, attempt.RetryAfter!.Value);
            return TypedResults.Empty;
        }
        if (attempt.Outcome == SignInOutcome.Invalid)
            return Failure.Invalid("email", SignInAttempt.InvalidEmailMessage).ToProblem();
        if (attempt.Outcome == SignInOutcome.ChooseCustomer)
            return Failure.Conflict(ProblemCodes.CustomerRequired, SignInAttempt.ChooseCustomerMessage,
                new Dictionary<string, object?> { ["customers"] = attempt.Customers }).ToProblem();
        if (attempt.Outcome == SignInOutcome.SsoRequired)
            return Failure.Forbidden(SignInAttempt.SsoRequiredMessage, ProblemCodes.SsoRequired).ToProblem();
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

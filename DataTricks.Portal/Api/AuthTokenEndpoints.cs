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
            .WithSummary("Exchange an e-mail and password for a short-lived access token")
            .Produces<AccessTokenResponse>()
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        return api;
    }

    private static async Task<IResult> IssueAsync(
        TokenRequest request, PasswordSignIn signIn, SignInManager<User> signInManager,
        IOptionsMonitor<BearerTokenOptions> bearerOptions, TimeProvider time)
    {
        var (result, user) = await signIn.CheckAsync(request.Email, request.Password);
        if (result.IsLockedOut)
            return TypedResults.Problem("Too many failed attempts: the account is locked for a while.", statusCode: StatusCodes.Status401Unauthorized, title: "Locked out.");
        if (user is null)
            return TypedResults.Problem("The e-mail or password is wrong, or the account is deactivated.", statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized.");

        // Identity's bearer handler validates what its own protector wrote; only the response shape is ours.
        var options = bearerOptions.Get(IdentityConstants.BearerScheme);
        var expiresAt = time.GetUtcNow() + options.BearerTokenExpiration;
        var principal = await signInManager.CreateUserPrincipalAsync(user);
        var ticket = new AuthenticationTicket(principal, new AuthenticationProperties { ExpiresUtc = expiresAt }, IdentityConstants.BearerScheme);
        return TypedResults.Ok(new AccessTokenResponse(options.BearerTokenProtector.Protect(ticket), "Bearer", expiresAt));
    }
}

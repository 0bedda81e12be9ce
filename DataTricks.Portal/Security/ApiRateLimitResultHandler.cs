using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace DataTricks.Portal.Security;

/// <summary>
/// Holds every authenticated API request to its token's and its customer's limits (beyond them, 429 with
/// Retry-After), at the one point where the API's caller is known: authorization, which authenticates the API's
/// scheme. A request it refuses (403) counts too. Then the challenge-or-forbid handling goes on as usual.
/// </summary>
public sealed class ApiRateLimitResultHandler(ApiRateLimiter limiter) : IAuthorizationMiddlewareResultHandler
{
    private readonly ChallengeAnonymousResultHandler _next = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (context.Request.Path.StartsWithSegments("/api") && context.User.Identity?.IsAuthenticated == true
            && context.Request.Headers.Authorization.ToString() is { Length: > 0 } credentials)
        {
            // The token itself is the key, hashed so that no secret sits in the limiter's memory.
            var usage = new ApiRateLimitUsage(
                Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(credentials)), 0, 16), TenantScopes.FromPrincipal(context.User).CustomerId);
            context.Features.Set(usage);
            if (limiter.Acquire(usage.Token, usage.CustomerId) is { } retryAfter)
            {
                await SignInRateLimit.TooManyAttempts(context, retryAfter);
                return;
            }
        }
        await _next.HandleAsync(next, context, policy, authorizeResult);
    }
}

/// <summary>Whose limits a request counted against, for the RateLimit fields of its answer.</summary>
public sealed record ApiRateLimitUsage(string Token, Guid? CustomerId);

namespace DataTricks.Portal.Security;

/// <summary>
/// Writes RateLimit-Policy and RateLimit (IETF httpapi draft) on every answer to a request that counted against the
/// API's limits, error answers included, so that a client sees the limit coming and slows down before a 429.
/// </summary>
public sealed class ApiRateLimitHeaders(RequestDelegate next, ApiRateLimiter limiter)
{
    public const string PolicyHeader = "RateLimit-Policy";
    public const string RemainingHeader = "RateLimit";

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            if (context.Features.Get<ApiRateLimitUsage>() is { } usage)
            {
                context.Response.Headers[PolicyHeader] = limiter.Policy(usage.CustomerId);
                context.Response.Headers[RemainingHeader] = limiter.Remaining(usage.Token, usage.CustomerId);
            }
            return Task.CompletedTask;
        });
        return next(context);
    }
}

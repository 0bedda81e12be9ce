using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace DataTricks.Portal.Security;

/// <summary>
/// The rate-limiting middleware's policy for the sign-in routes (API token, sign-up API, the sign-in form): a fixed
/// window per client address, for submissions only (loading the form is free). Refusals are 429 with Retry-After.
/// </summary>
public static class SignInRateLimit
{
    public const string Policy = "sign-in";

    public static IServiceCollection AddSignInRateLimiting(this IServiceCollection services)
    {
        services.AddOptions<RateLimitingOptions>().BindConfiguration(RateLimitingOptions.SectionName);
        services.AddSingleton<SignInThrottle>();
        services.AddSingleton<SignInBackoff>();
        services.AddRateLimiter(options =>
        {
            options.AddPolicy(Policy, context =>
            {
                if (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
                    return RateLimitPartition.GetNoLimiter("read");
                var limits = context.RequestServices.GetRequiredService<IOptions<RateLimitingOptions>>().Value;
                return RateLimitPartition.GetFixedWindowLimiter(ClientAddress.Of(context), _ =>
                    new FixedWindowRateLimiterOptions { PermitLimit = limits.SignInPerAddress, Window = limits.Window, QueueLimit = 0 });
            });
            options.OnRejected = (rejected, _) =>
                TooManyAttempts(rejected.HttpContext, rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1));
        });
        return services;
    }

    /// <summary>Answers 429 with Retry-After: problem details for the API, a short page for a browser form.</summary>
    public static async ValueTask TooManyAttempts(HttpContext context, TimeSpan retryAfter)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        var detail = $"Too many attempts; try again in {seconds} seconds.";
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        if (context.Request.Path.StartsWithSegments("/api"))
            await TypedResults.Problem(detail, statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests.").ExecuteAsync(context);
        else
            await context.Response.WriteAsync(detail);
    }
}

/// <summary>The address a request came from, the key of per-client limits.</summary>
public static class ClientAddress
{
    public static string Of(HttpContext? context) => context?.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}

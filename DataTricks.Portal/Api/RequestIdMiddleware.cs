using System.Text.RegularExpressions;
using DataTricks.Portal.Api.OpenApi;

namespace DataTricks.Portal.Api;

/// <summary>
/// Gives every request an id a caller can quote to support: the caller's own <c>X-Request-Id</c> when it is a sane
/// token, else a new one. It is echoed on the answer, is the request's trace identifier (so problems carry it as
/// <c>traceId</c>) and is in the scope of every log line written for the request.
/// </summary>
public sealed partial class RequestIdMiddleware(RequestDelegate next, ILogger<RequestIdMiddleware> logger)
{
    // Anything else (too long, spaces, control characters) could forge or break log lines; it is replaced, not refused.
    [GeneratedRegex(@"\A[A-Za-z0-9._:\-]{1,128}\z")]
    private static partial Regex Acceptable();

    public async Task InvokeAsync(HttpContext context)
    {
        var offered = context.Request.Headers[ResponseHeaders.RequestId].ToString();
        var id = Acceptable().IsMatch(offered) ? offered : Guid.NewGuid().ToString("N");
        context.TraceIdentifier = id;
        context.Response.Headers[ResponseHeaders.RequestId] = id;
        using (logger.BeginScope(new Dictionary<string, object> { ["RequestId"] = id }))
            await next(context);
    }
}

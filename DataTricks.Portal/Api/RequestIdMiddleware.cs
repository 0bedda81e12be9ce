using System.Text.RegularExpressions;
using DataTricks.Portal.Api.OpenApi;

namespace DataTricks.Portal.Api;

/// <summary>
/// Gives every request an id a caller can quote to support: the caller's own <c>X-Request-Id</c> when it is a sane
/// token, else a new one. It is echoed on the answer, is the request's trace identifier (so problems carry it as
/// <c>traceId</c>) and is in the scope of every log line written for the request, so the id a customer quotes from a
/// problem finds its lines. The request's end is logged too: answers the caller must act on (4xx) at Information,
/// server faults at Error, the rest at Debug so that a busy node does not spend its time writing them.
/// </summary>
public sealed partial class RequestIdMiddleware(RequestDelegate next, ILogger<RequestIdMiddleware> logger, TimeProvider time)
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
        // A message template, not a dictionary: the plain console prints "RequestId:<id>", and the JSON console a RequestId property.
        using (logger.BeginScope("RequestId:{RequestId}", id))
        {
            var started = time.GetTimestamp();
            await next(context);
            var status = context.Response.StatusCode;
            var level = status >= 500 ? LogLevel.Error : status >= 400 ? LogLevel.Information : LogLevel.Debug;
            Answered(logger, level, context.Request.Method, context.Request.Path, status, time.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    [LoggerMessage("{Method} {Path} answered {StatusCode} in {ElapsedMilliseconds:0.0} ms")]
    private static partial void Answered(ILogger logger, LogLevel level, string method, PathString path, int statusCode, double elapsedMilliseconds);
}

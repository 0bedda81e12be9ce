using System.Text;
using DataTricks.Domain.Scim;

namespace DataTricks.Portal.Scim;

/// <summary>
/// Every failure under <c>/scim/v2</c> answers as a SCIM error: a refusal the services raise, and the answers that
/// come without a body (401 without a token, 404 for an unknown route, 405), which the portal would otherwise answer
/// with a page. Anything unexpected is logged and answers 500 in the same shape, with no detail of the server.
/// </summary>
public sealed class ScimErrorMiddleware(RequestDelegate next, ILogger<ScimErrorMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (ScimException refused) when (!context.Response.HasStarted)
        {
            context.Response.Clear();
            await WriteAsync(context, refused.Status, refused.ScimType, refused.Message);
            return;
        }
        catch (Exception exception) when (!context.Response.HasStarted && exception is not OperationCanceledException)
        {
            logger.LogError(exception, "SCIM request {Method} {Path} failed", context.Request.Method, context.Request.Path);
            context.Response.Clear();
            await WriteAsync(context, StatusCodes.Status500InternalServerError, null, "Something broke on our side; the directory may retry.");
            return;
        }
        if (context.Response is { HasStarted: false, StatusCode: >= 400, ContentLength: null, ContentType: null })
            await WriteAsync(context, context.Response.StatusCode, null, context.Response.StatusCode switch
            {
                StatusCodes.Status401Unauthorized => "Send a valid SCIM token: Authorization: Bearer dts_…, created in the portal's Settings.",
                StatusCodes.Status403Forbidden => "This token cannot do this.",
                StatusCodes.Status404NotFound => "No such SCIM endpoint or resource.",
                StatusCodes.Status405MethodNotAllowed => "This endpoint does not take this method.",
                _ => "The request was refused.",
            });
    }

    private static Task WriteAsync(HttpContext context, int status, string? scimType, string detail)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = ScimHttp.MediaType;
        return context.Response.WriteAsync(ScimHttp.Error(status, scimType, detail).ToJsonString(), Encoding.UTF8);
    }
}

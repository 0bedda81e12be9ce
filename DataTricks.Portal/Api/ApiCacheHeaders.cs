namespace DataTricks.Portal.Api;

/// <summary>
/// What a cache may do with an API answer. A read is the caller's own (it depends on the token: <c>Vary:
/// Authorization</c>, <c>private</c>) and may be kept only to be revalidated (<c>no-cache</c>) with the ETag it
/// carries; a write's answer, which may hold a secret shown once, is never stored (<c>no-store</c>).
/// </summary>
public sealed class ApiCacheHeaders(RequestDelegate next)
{
    public const string ReadPolicy = "private, no-cache";
    public const string WritePolicy = "no-store";

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            var read = HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method);
            headers.CacheControl = read ? ReadPolicy : WritePolicy;
            if (read)
                headers.Vary = "Authorization";
            return Task.CompletedTask;
        });
        return next(context);
    }
}

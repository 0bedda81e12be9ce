using Microsoft.AspNetCore.HttpOverrides;
using DataTricks.Portal.Api;
using DataTricks.Portal.Scim;
using DataTricks.Portal.Security;

namespace DataTricks.Portal.Hosting;

public static class PipelineExtensions
{
    /// <summary>
    /// Security headers on every answer; errors answer as problem details on the API and as pages in the portal; then authentication, authorization
    /// and the tenant scope, which must follow authorization because API endpoints choose their scheme there.
    /// </summary>
    public static WebApplication UseDataTricksPipeline(this WebApplication app)
    {
        app.UseMiddleware<RequestIdMiddleware>();
        app.UseMiddleware<SecurityHeaders>();
        // Behind nginx the client's address is in X-Forwarded-For; only loopback proxies are believed (the default).
        app.UseForwardedHeaders(new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto });
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
            app.UseHsts();
        }
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        // Inside the page handlers above, so API errors are already problem details when those look at them.
        app.UseWhen(IsApi, api =>
        {
            api.UseMiddleware<ApiCacheHeaders>();
            api.UseMiddleware<ApiRateLimitHeaders>();
            api.DropHeadBodies();
            api.UseExceptionHandler();
            api.UseStatusCodePages();
        });
        app.UseWhen(IsScim, scim => scim.UseMiddleware<ScimErrorMiddleware>());
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseMiddleware<TenantScopeMiddleware>();
        app.UseWhen(IsApi, api => api.UseMiddleware<IdempotencyMiddleware>());
        app.UseAntiforgery();
        return app;
    }

    private static bool IsApi(HttpContext context) => context.Request.Path.StartsWithSegments("/api");

    private static bool IsScim(HttpContext context) => context.Request.Path.StartsWithSegments("/scim");
}

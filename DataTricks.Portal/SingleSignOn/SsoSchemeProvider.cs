using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;

namespace DataTricks.Portal.SingleSignOn;

/// <summary>
/// The registered schemes, and a customer's single sign-on scheme when a request names it: a challenge to it, or its
/// callback path. Only that one is added to a request's handlers, so the cost of a request does not grow with the
/// number of customers.
/// </summary>
public sealed class SsoSchemeProvider(IOptions<AuthenticationOptions> options, IHttpContextAccessor http) : AuthenticationSchemeProvider(options)
{
    public override async Task<AuthenticationScheme?> GetSchemeAsync(string name)
    {
        if (await base.GetSchemeAsync(name) is { } registered)
            return registered;
        if (!SsoSchemes.TryParse(name, out var customerId) || http.HttpContext is not { } context)
            return null;
        var prepared = await context.RequestServices.GetRequiredService<SsoHandlerOptions>().PrepareAsync(name, customerId, context.RequestAborted);
        return prepared ? new AuthenticationScheme(name, "Single sign-on", typeof(OpenIdConnectHandler)) : null;
    }

    public override async Task<IEnumerable<AuthenticationScheme>> GetRequestHandlerSchemesAsync()
    {
        var schemes = await base.GetRequestHandlerSchemesAsync();
        if (http.HttpContext is { } context && SsoSchemes.CustomerOfCallback(context.Request.Path) is { } customerId
            && await GetSchemeAsync(SsoSchemes.NameOf(customerId)) is { } sso)
            return [.. schemes, sso];
        return schemes;
    }
}

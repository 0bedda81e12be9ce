using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using DataTricks.Domain.Users;
using DataTricks.Portal.Security;

namespace DataTricks.Portal.Components.Account;

public static class AccountEndpoints
{
    /// <summary>Sign-out is a POST with an antiforgery token, so another site cannot sign a user out.</summary>
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/account/logout", async Task<IResult> (HttpContext context, IAntiforgery antiforgery, SignInManager<User> signInManager, SessionRefresher sessions) =>
            {
                // Minimal endpoints validate antiforgery only when they bind a form, which this one does not.
                if (!await antiforgery.IsRequestValidAsync(context))
                    return TypedResults.BadRequest();
                await sessions.EndAsync(context.User);
                await signInManager.SignOutAsync();
                return TypedResults.LocalRedirect("~/account/login");
            })
            .ExcludeFromDescription();
        return app;
    }
}

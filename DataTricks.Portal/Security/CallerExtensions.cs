using System.Security.Claims;

namespace DataTricks.Portal.Security;

public static class CallerExtensions
{
    /// <summary>The authenticated user's id; endpoints that call this require authentication.</summary>
    public static Guid UserId(this ClaimsPrincipal principal) =>
        Guid.Parse(principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("No authenticated user."));
}

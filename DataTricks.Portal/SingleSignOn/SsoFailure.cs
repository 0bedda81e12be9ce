using DataTricks.Domain.SingleSignOn;

namespace DataTricks.Portal.SingleSignOn;

/// <summary>
/// Why a single sign-on ended on the failure page, as a word in its URL: the sign-in's refusals and what went wrong at
/// the provider. The page shows fixed sentences for them, so a link cannot make it say anything else.
/// </summary>
public static class SsoFailure
{
    public const string Path = "/account/sso-failed";
    public const string RefusedByProvider = "refused-by-provider";
    public const string ProviderError = "provider-error";
    public const string Unavailable = "unavailable";

    public static string PathOf(HttpRequest request, string reason) => $"{request.PathBase}{Path}?reason={Uri.EscapeDataString(reason)}";

    public static string ReasonOf(SsoRefusal refusal) => refusal.ToString();

    public static string Explain(string? reason) => reason switch
    {
        RefusedByProvider => "Your identity provider did not let you sign in to DataTricks. Ask your IT team whether you may use it.",
        ProviderError => "Your identity provider's answer could not be accepted, or it could not be reached. Try again; if it goes on, tell your admin.",
        Unavailable => "Single sign-on is not set up for this address's company. Sign in with your password, or ask your admin.",
        _ when Enum.TryParse<SsoRefusal>(reason, out var refusal) && Enum.IsDefined(refusal) && !int.TryParse(reason, out _) => SsoSignInService.Explain(refusal),
        _ => "Single sign-on did not complete. Try again from the sign-in page.",
    };
}

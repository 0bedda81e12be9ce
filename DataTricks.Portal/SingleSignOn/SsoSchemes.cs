using DataTricks.Domain.SingleSignOn;

namespace DataTricks.Portal.SingleSignOn;

/// <summary>
/// Each customer's provider is an OpenID Connect scheme of its own, named for the customer and answering at its own
/// callback path, so a response meant for one customer can never complete a sign-in to another.
/// </summary>
public static class SsoSchemes
{
    private const string Prefix = "sso-";
    private const string CallbackPrefix = "/signin-oidc/";

    /// <summary>The claim the handler adds to the provider's identity: the customer whose provider vouched for it.</summary>
    public const string CustomerClaim = "datatricks_sso_customer";

    public static string NameOf(Guid customerId) => Prefix + customerId.ToString("N");

    public static bool TryParse(string name, out Guid customerId)
    {
        customerId = default;
        return name.StartsWith(Prefix, StringComparison.Ordinal) && Guid.TryParseExact(name[Prefix.Length..], "N", out customerId);
    }

    /// <summary>The customer whose callback <paramref name="path"/> is, if it is one.</summary>
    public static Guid? CustomerOfCallback(PathString path) =>
        path.Value is { } value && value.StartsWith(CallbackPrefix, StringComparison.OrdinalIgnoreCase)
            && Guid.TryParse(value[CallbackPrefix.Length..].TrimEnd('/'), out var customerId)
            ? customerId
            : null;

    public static string CallbackPathOf(Guid customerId) => SsoSettingsView.RedirectPathOf(customerId);
}

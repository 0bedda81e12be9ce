using System.Globalization;
using DataTricks.Domain.Common;
using DataTricks.Domain.Users;

namespace DataTricks.Domain.SingleSignOn;

/// <summary>What a customer's single sign-on settings must be, each refusal named by its field.</summary>
public static class SsoSettingsRules
{
    public const int MaxDomains = 20;
    public const int MaxBreakGlassAdmins = 10;
    public const int UrlMaxLength = 500;
    // Per use rather than static fields, so a mutation test can switch a changed rule on (docs/mutation.md).
    private static TextRule ClientIdRule => new("The client id", 200, multiline: false, required: true);
    private static TextRule SecretRule => new("The client secret", 500, multiline: false, required: true);

    /// <summary>Addresses anyone can get: claiming one would send strangers' sign-ins to the claimant's provider.</summary>
    private static HashSet<string> PublicMailDomains =>
    [
        "gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "live.com", "msn.com", "yahoo.com", "icloud.com",
        "me.com", "aol.com", "proton.me", "protonmail.com", "gmx.com", "gmx.de", "web.de", "mail.com", "yandex.com", "zoho.com",
    ];

    /// <param name="allowInsecureIssuers">Whether an http issuer is taken (a provider on this machine, in tests and demos).</param>
    /// <param name="hasStoredSecret">Whether a client secret is stored already, so the request may leave it out.</param>
    public static Result<(SsoSettings Settings, string? ClientSecret)> Check(SsoSettingsRequest request, bool allowInsecureIssuers, bool hasStoredSecret)
    {
        var clientId = ClientIdRule.Check(request.ClientId);
        var secret = request.ClientSecret is null ? null : SecretRule.Check(request.ClientSecret);
        var domains = (request.Domains ?? []).Select(Domain).ToList();
        var role = request.DefaultRole ?? Roles.Member;
        var breakGlass = request.BreakGlassAdminIds ?? [];
        var errors = new FieldErrors()
            .Check(IsIssuer(request.Issuer, allowInsecureIssuers), "issuer", IssuerRule(allowInsecureIssuers))
            .Check("clientId", clientId)
            .Check(secret is not null || hasStoredSecret, "clientSecret", "Enter the client secret the provider gave you.")
            .Check(domains.Count is >= 1 and <= MaxDomains, "domains", $"Name 1 to {MaxDomains} e-mail domains your people's addresses end with.")
            .Check(domains.All(d => d is not null), "domains", "A domain is a name such as example.com, without @ or spaces.")
            .Check(domains.Distinct().Count() == domains.Count, "domains", "Each domain is named once.")
            .Check(!domains.Any(d => d is not null && PublicMailDomains.Contains(d)), "domains",
                "A public mail domain (such as gmail.com) cannot be claimed: anyone can have an address there.")
            .Check(role is Roles.Member or Roles.Admin, "defaultRole", $"The default role is {Roles.Member} or {Roles.Admin}.")
            .Check(breakGlass.Count <= MaxBreakGlassAdmins, "breakGlassAdminIds", $"Name at most {MaxBreakGlassAdmins} break-glass admins.")
            .Check(breakGlass.Distinct().Count() == breakGlass.Count, "breakGlassAdminIds", "Each break-glass admin is named once.")
            .Check(request.RequireSso != true || breakGlass.Count > 0, "breakGlassAdminIds",
                "Requiring single sign-on needs at least one break-glass admin, who can still sign in with a password when the provider is down.");
        if (secret is not null)
            errors.Check("clientSecret", secret);
        if (errors.Any)
            return errors.ToFailure();
        var settings = new SsoSettings(request.Issuer!.Trim(), clientId.Value, [.. domains.Select(d => d!)], role,
            request.AllowJustInTime ?? false, request.RequireSso ?? false, breakGlass);
        return (settings, secret?.Value);
    }

    /// <summary>Null for an issuer URL the rules take, else the refusal naming the field.</summary>
    public static Failure? CheckIssuer(string? issuer, bool allowInsecureIssuers) =>
        IsIssuer(issuer, allowInsecureIssuers) ? null : Failure.Invalid("issuer", IssuerRule(allowInsecureIssuers));

    private static string IssuerRule(bool allowInsecure) => allowInsecure
        ? "The issuer is the provider's absolute http or https URL, without a query or fragment."
        : "The issuer is the provider's absolute https URL, without a query or fragment.";

    /// <summary>A domain lower-cased and trimmed (IDNs as their ASCII form), or null when it is not a domain name.</summary>
    public static string? Domain(string? text)
    {
        var trimmed = text?.Trim().TrimEnd('.');
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > 253 || !CleanText.IsClean(trimmed))
            return null;
        string ascii;
        try
        {
            ascii = new IdnMapping().GetAscii(trimmed).ToLowerInvariant();
        }
        catch (ArgumentException)
        {
            return null;
        }
        var labels = ascii.Split('.');
        return labels.Length >= 2 && labels.All(IsLabel) ? ascii : null;
    }

    /// <summary>The domain of an e-mail address, as <see cref="Domain"/> writes domains.</summary>
    public static string? DomainOf(string? email) =>
        EmailRules.IsValid(email) ? Domain(email![(email!.LastIndexOf('@') + 1)..]) : null;

    private static bool IsLabel(string label) =>
        label.Length is >= 1 and <= 63 && label.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-')
        && !label.StartsWith('-') && !label.EndsWith('-');

    private static bool IsIssuer(string? text, bool allowInsecure) =>
        text is { Length: > 0 and <= UrlMaxLength } && CleanText.IsClean(text)
        && Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || (allowInsecure && uri.Scheme == Uri.UriSchemeHttp))
        && uri.Query.Length == 0 && uri.Fragment.Length == 0 && uri.UserInfo.Length == 0;
}

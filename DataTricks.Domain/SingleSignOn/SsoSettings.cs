namespace DataTricks.Domain.SingleSignOn;

/// <summary>
/// A customer's single sign-on as an admin sets it (PUT replaces all of it). The client secret is write-only: null
/// keeps the stored one, and it is never read back.
/// </summary>
public sealed record SsoSettingsRequest(
    string? Issuer, string? ClientId, string? ClientSecret, IReadOnlyList<string>? Domains, string? DefaultRole,
    bool? AllowJustInTime, bool? RequireSso, IReadOnlyList<Guid>? BreakGlassAdminIds);

/// <summary>A request as <see cref="SsoSettingsRules"/> accepted it: trimmed, lower-cased domains, defaults filled in.</summary>
public sealed record SsoSettings(
    string Issuer, string ClientId, IReadOnlyList<string> Domains, string DefaultRole, bool AllowJustInTime, bool RequireSso,
    IReadOnlyList<Guid> BreakGlassAdminIds);

/// <summary>A customer's single sign-on as its admins (and support staff acting in it) read it: no secret, only whether one is set.</summary>
public sealed record SsoSettingsView(
    string Issuer, string ClientId, bool HasClientSecret, IReadOnlyList<string> Domains, string DefaultRole, bool AllowJustInTime,
    bool RequireSso, IReadOnlyList<Guid> BreakGlassAdminIds, string RedirectPath, int Version, DateTimeOffset UpdatedAt)
{
    /// <summary>The path the provider sends people back to, after the portal's address: what to register at the provider.</summary>
    public static string RedirectPathOf(Guid customerId) => $"/signin-oidc/{customerId}";

    public static SsoSettingsView Of(SsoConnection connection) => new(
        connection.Issuer, connection.ClientId, connection.ProtectedClientSecret.Length > 0,
        [.. connection.Domains.Select(d => d.Name).Order(StringComparer.Ordinal)], connection.DefaultRole, connection.AllowJustInTime,
        connection.RequireSso, [.. connection.BreakGlassAdmins.Select(a => a.UserId).Order()], RedirectPathOf(connection.CustomerId), connection.Version, connection.UpdatedAt);
}

/// <summary>An admin who can be named break-glass: an active admin of the customer.</summary>
public sealed record BreakGlassCandidate(Guid Id, string Email);

/// <summary>What the settings page needs at once: the settings if any, where the provider sends people back, and who can be break-glass.</summary>
public sealed record SsoSetup(SsoSettingsView? Settings, string RedirectPath, IReadOnlyList<BreakGlassCandidate> Admins);

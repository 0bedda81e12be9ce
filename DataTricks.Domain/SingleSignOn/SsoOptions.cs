namespace DataTricks.Domain.SingleSignOn;

/// <summary>The <c>Sso</c> section of the configuration.</summary>
public sealed class SsoOptions
{
    public const string SectionName = "Sso";

    /// <summary>
    /// Whether an issuer may be a plain http URL. Only for a provider on the same machine (tests, a demo): the
    /// discovery document and keys that vouch for every sign-in would otherwise travel unprotected.
    /// </summary>
    public bool AllowInsecureIssuers { get; set; }
}

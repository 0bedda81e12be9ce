namespace DataTricks.Domain.Tenancy;

/// <summary>The claims that carry tenancy in cookies and tokens.</summary>
public static class TenantClaimTypes
{
    /// <summary>The user's own customer.</summary>
    public const string CustomerId = "customer_id";

    public const string DisplayName = "display_name";

    /// <summary>The user's <c>SessionStamp</c> when the portal session began; a different one ends the session.</summary>
    public const string SessionStamp = "session_stamp";

    /// <summary>The <c>PortalSession</c> a portal cookie belongs to; signing out ends it, and with it every copy of the cookie.</summary>
    public const string SessionId = "session_id";

    /// <summary>Set for support staff while they impersonate: the customer they act in.</summary>
    public const string ImpersonatedCustomerId = "impersonated_customer_id";

    public const string ImpersonatedCustomerName = "impersonated_customer_name";

    /// <summary>When the impersonation stops granting access (round-trip format).</summary>
    public const string ImpersonationExpiresAt = "impersonation_expires_at";
}

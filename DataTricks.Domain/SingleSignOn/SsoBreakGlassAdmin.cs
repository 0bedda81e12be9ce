using DataTricks.Domain.Tenancy;

namespace DataTricks.Domain.SingleSignOn;

/// <summary>An admin who may still sign in with a password when single sign-on is required, for when the provider is down.</summary>
public sealed class SsoBreakGlassAdmin(Guid customerId, Guid userId) : ITenantOwned
{
    public Guid CustomerId { get; private set; } = customerId;
    public Guid UserId { get; private set; } = userId;
}

using DataTricks.Domain.Tenancy;

namespace DataTricks.Domain.SingleSignOn;

/// <summary>An e-mail domain whose addresses sign in through the customer's provider; one customer per domain, in the schema.</summary>
public sealed class SsoDomain(Guid customerId, string name) : ITenantOwned
{
    public Guid CustomerId { get; private set; } = customerId;

    /// <summary>Lower-case, as <see cref="SsoSettingsRules.Domain"/> writes it.</summary>
    public string Name { get; private set; } = name;
}

using DataTricks.Domain.Tenancy;

namespace DataTricks.Domain.SingleSignOn;

/// <summary>
/// The provider's person (issuer and subject) that is a user of the customer: found by it at every sign-in after the
/// first, so an e-mail changed at the provider does not make a new person.
/// </summary>
public sealed class SsoLink : ITenantOwned
{
    private SsoLink() { }

    public Guid CustomerId { get; private set; }
    public string Issuer { get; private set; } = "";
    public string Subject { get; private set; } = "";
    public Guid UserId { get; private set; }
    public DateTimeOffset LinkedAt { get; private set; }

    public static SsoLink Of(Guid customerId, string issuer, string subject, Guid userId, DateTimeOffset now) =>
        new() { CustomerId = customerId, Issuer = issuer, Subject = subject, UserId = userId, LinkedAt = now };
}

using DataTricks.Domain.Common;
using DataTricks.Domain.Tenancy;

namespace DataTricks.Domain.SupportAccess;

/// <summary>
/// A customer admin's permission for DataTricks support staff to act inside the customer, until it expires or is revoked.
/// A customer has at most one open grant (the schema enforces it); granting again changes its expiry.
/// </summary>
public sealed class SupportAccessGrant : ITenantOwned
{
    public static readonly TimeSpan MinDuration = TimeSpan.FromHours(1);
    public static readonly TimeSpan MaxDuration = TimeSpan.FromDays(30);

    private SupportAccessGrant() { }

    public Guid Id { get; private set; }
    public Guid CustomerId { get; private set; }
    public Guid? GrantedByUserId { get; private set; }
    public DateTimeOffset GrantedAt { get; private set; }
    public DateTimeOffset ExpiresAt { get; private set; }
    public DateTimeOffset? RevokedAt { get; private set; }
    public Guid? RevokedByUserId { get; private set; }

    /// <summary>Set when the grant stops being open: revoked, or its expiry recorded. Open grants have none.</summary>
    public DateTimeOffset? EndedAt { get; private set; }

    public static bool IsValidExpiry(DateTimeOffset expiresAt, DateTimeOffset now) =>
        expiresAt - now >= MinDuration && expiresAt - now <= MaxDuration;

    public static SupportAccessGrant Grant(Guid customerId, Guid? grantedBy, DateTimeOffset now, DateTimeOffset expiresAt)
    {
        var grant = new SupportAccessGrant { Id = Guid.CreateVersion7(now), CustomerId = customerId };
        grant.Renew(grantedBy, now, expiresAt);
        return grant;
    }

    public void Renew(Guid? grantedBy, DateTimeOffset now, DateTimeOffset expiresAt)
    {
        if (!IsValidExpiry(expiresAt, now))
            throw new DomainException("Support access lasts from 1 hour to 30 days.");
        if (EndedAt is not null)
            throw new DomainException("An ended support access grant cannot be renewed; grant a new one.");
        GrantedByUserId = grantedBy;
        GrantedAt = now;
        ExpiresAt = expiresAt;
    }

    public bool IsActiveAt(DateTimeOffset now) => EndedAt is null && now < ExpiresAt;

    public void Revoke(Guid? revokedBy, DateTimeOffset now)
    {
        RevokedAt = now;
        RevokedByUserId = revokedBy;
        EndedAt = now;
    }

    /// <summary>Closes a grant whose time ran out, so the customer can grant anew and the expiry is on record.</summary>
    public void RecordExpiry(DateTimeOffset now)
    {
        if (now < ExpiresAt)
            throw new DomainException("The grant has not expired yet.");
        EndedAt = ExpiresAt;
    }
}

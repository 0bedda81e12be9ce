using DataTricks.Domain.Tenancy;

namespace DataTricks.Domain.Users;

/// <summary>
/// One sign-in to the portal, which its cookie names. Signing out ends it here, so a copy of the cookie taken before
/// is refused from then on, though its own expiry is hours away.
/// </summary>
public sealed class PortalSession : ITenantOwned
{
    private PortalSession() { }

    public Guid Id { get; private set; }
    public Guid CustomerId { get; private set; }
    public Guid UserId { get; private set; }
    public DateTimeOffset StartedAt { get; private set; }
    public DateTimeOffset? EndedAt { get; private set; }

    public static PortalSession Start(User user, DateTimeOffset now) =>
        new() { Id = Guid.CreateVersion7(now), CustomerId = user.CustomerId, UserId = user.Id, StartedAt = now };

    /// <summary>Ends the session; ending it again keeps the first time.</summary>
    public void End(DateTimeOffset now) => EndedAt ??= now;
}

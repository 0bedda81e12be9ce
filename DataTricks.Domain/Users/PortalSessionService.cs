using DataTricks.Domain.Infrastructure.Persistence;
using DataTricks.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace DataTricks.Domain.Users;

/// <summary>
/// The portal sign-ins a cookie can name. Cookies are checked before any tenant is known, so sessions are found by
/// their id and their user's id together, across customers, and written in their user's own customer.
/// </summary>
public sealed class PortalSessionService(DataTricksDbContext db, ITenantContext tenant, TimeProvider time)
{
    public async Task<Guid> StartAsync(User user, CancellationToken cancellationToken = default)
    {
        var session = PortalSession.Start(user, time.GetUtcNow());
        using var _ = tenant.Use(TenantScope.ForCustomer(user.CustomerId, user.Id));
        db.PortalSessions.Add(session);
        await db.SaveChangesAsync(cancellationToken);
        return session.Id;
    }

    public Task<bool> IsOpenAsync(Guid sessionId, Guid userId, CancellationToken cancellationToken = default) =>
        Sessions(sessionId, userId).AnyAsync(s => s.EndedAt == null, cancellationToken);

    /// <summary>Ends the session: its cookie, and every copy of it, is refused from now on.</summary>
    public async Task EndAsync(Guid sessionId, Guid userId, CancellationToken cancellationToken = default)
    {
        if (await Sessions(sessionId, userId).FirstOrDefaultAsync(cancellationToken) is not { } session)
            return;
        using var _ = tenant.Use(TenantScope.ForCustomer(session.CustomerId, userId));
        session.End(time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
    }

    private IQueryable<PortalSession> Sessions(Guid sessionId, Guid userId) =>
        db.PortalSessions.IgnoreQueryFilters([DataTricksDbContext.TenantFilter]).Where(s => s.Id == sessionId && s.UserId == userId);
}

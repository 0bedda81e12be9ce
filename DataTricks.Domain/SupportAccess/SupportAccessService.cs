using DataTricks.Domain.Auditing;
using DataTricks.Domain.Common;
using DataTricks.Domain.Events;
using DataTricks.Domain.Impersonation;
using DataTricks.Domain.Infrastructure.Persistence;
using DataTricks.Domain.Tenancy;
using DataTricks.Domain.Users;
using Microsoft.EntityFrameworkCore;

namespace DataTricks.Domain.SupportAccess;

/// <summary>
/// A customer's permission for support staff to act inside it: granted and revoked by its admins (never by staff
/// impersonating it), audited, and ending running impersonations the moment it is revoked.
/// </summary>
public sealed class SupportAccessService(
    DataTricksDbContext db, ITenantContext tenant, Authority authority, AuditLog audit, EventLog events, ImpersonationService impersonation,
    UserAccessNotifier access, TimeProvider time)
{
    public async Task<Result<SupportAccessView>> GetAsync(CancellationToken cancellationToken = default)
    {
        if (await authority.AuthorizeAsync(TenantWrites.ChangeSupportAccess, cancellationToken) is { } refused)
            return refused;
        return await ActiveViewAsync(cancellationToken) is { } view ? view : NotGranted;
    }

    /// <summary>Grants support access until <paramref name="expiresAt"/> (1 hour to 30 days away), or moves the expiry of the active grant.</summary>
    public async Task<Result<SupportAccessView>> GrantAsync(DateTimeOffset? expiresAt, CancellationToken cancellationToken = default)
    {
        if (await authority.AuthorizeAsync(TenantWrites.ChangeSupportAccess, cancellationToken) is { } refused)
            return refused;
        var now = time.GetUtcNow();
        if (expiresAt is not { } until || !SupportAccessGrant.IsValidExpiry(until, now))
            return Failure.Invalid("expiresAt", "Support access lasts from 1 hour to 30 days: choose an expiry in that range.");
        if (tenant.CustomerId is not { } customerId)
            return Failure.NotFound("The customer");

        var open = await db.SupportAccessGrants.FirstOrDefaultAsync(g => g.EndedAt == null, cancellationToken);
        if (open is not null && !open.IsActiveAt(now))
        {
            RecordExpiry(open, now);
            await db.SaveChangesAsync(cancellationToken);
            open = null;
        }
        if (open is null)
            db.SupportAccessGrants.Add(open = SupportAccessGrant.Grant(customerId, tenant.UserId, now, until));
        else
            open.Renew(tenant.UserId, now, until);
        audit.Record(AuditActions.SupportAccessGranted, "customer", customerId, $"Support access granted until {until:u}");
        events.Record(EventTypes.SupportAccessGranted, open.Id, SupportAccessEventData.Of(open));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another admin granted at the same moment; the unique open grant is theirs.
            db.ChangeTracker.Clear();
            return Failure.Conflict(ProblemCodes.ConcurrentChange, "Support access was changed at the same moment by someone else; look again and retry.");
        }
        return (await ActiveViewAsync(cancellationToken))!;
    }

    /// <summary>Revokes the active grant and ends every impersonation of the customer at once.</summary>
    public async Task<Result<SupportAccessView>> RevokeAsync(CancellationToken cancellationToken = default)
    {
        if (await authority.AuthorizeAsync(TenantWrites.ChangeSupportAccess, cancellationToken) is { } refused)
            return refused;
        var now = time.GetUtcNow();
        var view = await ActiveViewAsync(cancellationToken);
        var grant = await db.SupportAccessGrants.FirstOrDefaultAsync(g => g.EndedAt == null && g.ExpiresAt > now, cancellationToken);
        if (view is null || grant is null)
            return NotGranted;
        grant.Revoke(tenant.UserId, now);
        audit.Record(AuditActions.SupportAccessRevoked, "customer", grant.CustomerId, $"Support access revoked; it would have lasted until {grant.ExpiresAt:u}");
        events.Record(EventTypes.SupportAccessRevoked, grant.Id, SupportAccessEventData.Of(grant));
        var staff = await impersonation.EndAllInCustomerAsync(grant.CustomerId, "Ended: the customer revoked support access", cancellationToken);
        db.AccessChanges.AddRange(staff.Select(staffUserId => AccessChange.Of(staffUserId, now)));
        await db.SaveChangesAsync(cancellationToken);
        foreach (var staffUserId in staff)
            access.Publish(staffUserId);
        return view;
    }

    /// <summary>Closes and audits every grant whose time ran out; run by the worker in the system scope.</summary>
    public async Task<int> RecordExpiriesAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var expired = await db.SupportAccessGrants.Where(g => g.EndedAt == null && g.ExpiresAt <= now).ToListAsync(cancellationToken);
        foreach (var grant in expired)
        {
            using (tenant.Use(TenantScope.ForCustomer(grant.CustomerId)))
            {
                RecordExpiry(grant, now);
                await db.SaveChangesAsync(cancellationToken);
            }
        }
        return expired.Count;
    }

    private void RecordExpiry(SupportAccessGrant grant, DateTimeOffset now)
    {
        grant.RecordExpiry(now);
        audit.Record(AuditActions.SupportAccessExpired, "customer", grant.CustomerId, $"Support access expired at {grant.ExpiresAt:u}");
        events.Record(EventTypes.SupportAccessExpired, grant.Id, SupportAccessEventData.Of(grant));
    }

    private async Task<SupportAccessView?> ActiveViewAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var grant = await db.SupportAccessGrants.AsNoTracking().FirstOrDefaultAsync(g => g.EndedAt == null && g.ExpiresAt > now, cancellationToken);
        if (grant is null)
            return null;
        var grantedBy = await db.Users.Where(u => u.Id == grant.GrantedByUserId).Select(u => u.Email).FirstOrDefaultAsync(cancellationToken);
        return new SupportAccessView(grant.GrantedByUserId, grantedBy, grant.GrantedAt, grant.ExpiresAt);
    }

    private static Failure NotGranted => new(FailureKind.NotFound, "Support access is not granted.");
}

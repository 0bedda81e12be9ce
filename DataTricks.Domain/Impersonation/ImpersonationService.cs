using DataTricks.Domain.Auditing;
using DataTricks.Domain.Common;
using DataTricks.Domain.Events;
using DataTricks.Domain.Customers;
using DataTricks.Domain.Infrastructure.Persistence;
using DataTricks.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace DataTricks.Domain.Impersonation;

public sealed record ActiveImpersonation(Guid SessionId, Guid CustomerId, string CustomerName, string Reason, DateTimeOffset StartedAt, DateTimeOffset ExpiresAt);

/// <summary>
/// Starts and ends support impersonation, only while the customer grants support access. Callers must have checked
/// the caller is support staff; the start and
/// the end are recorded in the impersonated customer's audit log, with the staff user as actor and impersonator.
/// </summary>
public sealed class ImpersonationService(DataTricksDbContext db, ITenantContext tenant, AuditLog audit, EventLog events, TimeProvider time)
{
    public async Task<Result<ActiveImpersonation>> StartAsync(Guid staffUserId, Guid customerId, string? reason, CancellationToken cancellationToken = default)
    {
        var check = ImpersonationSession.ReasonRule.Check(reason);
        if (!check.IsValid)
            return Failure.Invalid("reason", $"{check.Problem} Say why you need access; it is recorded in the customer's audit log.");
        var trimmed = check.Value;
        var customer = await db.Customers.IgnoreQueryFilters([DataTricksDbContext.TenantFilter])
            .FirstOrDefaultAsync(c => c.Id == customerId && !c.IsPlatformOperator, cancellationToken);
        if (customer is null)
            return Failure.NotFound("The customer");

        var now = time.GetUtcNow();
        var grantExpiresAt = await ActiveGrants(now).Where(g => g.CustomerId == customer.Id).Select(g => (DateTimeOffset?)g.ExpiresAt).FirstOrDefaultAsync(cancellationToken);
        if (grantExpiresAt is not { } accessUntil)
            return Failure.Forbidden($"{customer.Name} has not granted support access. One of its admins can grant it under Settings → Support access.", ProblemCodes.SupportAccessNotGranted);
        await EndActiveSessionsAsync(staffUserId, now, cancellationToken);
        var session = ImpersonationSession.Start(staffUserId, customer.Id, trimmed, now, accessUntil);
        db.ImpersonationSessions.Add(session);
        using (tenant.Use(ImpersonationScope(staffUserId, session)))
        {
            audit.Record(AuditActions.ImpersonationStarted, "customer", customer.Id, $"Reason: {trimmed}");
            events.Record(EventTypes.ImpersonationStarted, session.Id, ImpersonationEventData.Of(session));
            await db.SaveChangesAsync(cancellationToken);
        }
        return ToView(session, customer);
    }

    /// <summary>Ends the staff user's session, if one is active. Ending nothing is not an error.</summary>
    public Task EndAsync(Guid staffUserId, CancellationToken cancellationToken = default)
    {
        return EndActiveSessionsAsync(staffUserId, time.GetUtcNow(), cancellationToken);
    }

    public async Task<ActiveImpersonation?> GetActiveAsync(Guid staffUserId, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        // Only while the customer's grant is active: a revoked or expired grant ends access at once, on every node.
        var grants = ActiveGrants(now);
        var active = await db.ImpersonationSessions
            .Where(s => s.StaffUserId == staffUserId && s.EndedAt == null && s.ExpiresAt > now)
            .Where(s => grants.Any(g => g.CustomerId == s.CustomerId))
            .Join(db.Customers.IgnoreQueryFilters([DataTricksDbContext.TenantFilter]), s => s.CustomerId, c => c.Id, (s, c) => new { s, c })
            .FirstOrDefaultAsync(cancellationToken);
        return active is null ? null : ToView(active.s, active.c);
    }

    /// <summary>
    /// Ends every running impersonation of the customer, in the caller's unit of work (saved with it), recording each
    /// end with <paramref name="reason"/>; returns the staff users whose access ended.
    /// </summary>
    public async Task<IReadOnlyList<Guid>> EndAllInCustomerAsync(Guid customerId, string reason, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var running = await db.ImpersonationSessions
            .Where(s => s.CustomerId == customerId && s.EndedAt == null && s.ExpiresAt > now)
            .ToListAsync(cancellationToken);
        foreach (var session in running)
        {
            session.End(now);
            audit.Record(AuditActions.ImpersonationEnded, "customer", customerId, reason);
            events.Record(EventTypes.ImpersonationEnded, session.Id, ImpersonationEventData.Of(session));
        }
        return running.Select(s => s.StaffUserId).Distinct().ToList();
    }

    private IQueryable<SupportAccess.SupportAccessGrant> ActiveGrants(DateTimeOffset now) =>
        db.SupportAccessGrants.IgnoreQueryFilters([DataTricksDbContext.TenantFilter]).Where(g => g.EndedAt == null && g.ExpiresAt > now);

    private static TenantScope ImpersonationScope(Guid staffUserId, ImpersonationSession session) =>
        TenantScope.ForImpersonation(session.CustomerId, staffUserId, session.ExpiresAt);

    private async Task EndActiveSessionsAsync(Guid staffUserId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var open = await db.ImpersonationSessions
            .Where(s => s.StaffUserId == staffUserId && s.EndedAt == null)
            .ToListAsync(cancellationToken);
        foreach (var session in open)
            await CloseAsync(session, now, cancellationToken);
    }

    /// <summary>Closes every session whose time ran out, so each end is on record; run by the worker in the system scope.</summary>
    public async Task<int> RecordExpiriesAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var expired = await db.ImpersonationSessions.Where(s => s.EndedAt == null && s.ExpiresAt <= now).ToListAsync(cancellationToken);
        foreach (var session in expired)
            await CloseAsync(session, now, cancellationToken);
        return expired.Count;
    }

    private async Task CloseAsync(ImpersonationSession session, DateTimeOffset now, CancellationToken cancellationToken)
    {
        session.End(now);
        // Recorded in that customer's log, under a scope without expiry since the session may have run out.
        using (tenant.Use(TenantScope.ForImpersonation(session.CustomerId, session.StaffUserId, expiresAt: null)))
        {
            audit.Record(AuditActions.ImpersonationEnded, "customer", session.CustomerId,
                session.EndedAt < now ? "Expired" : "Ended by the staff user");
            events.Record(EventTypes.ImpersonationEnded, session.Id, ImpersonationEventData.Of(session));
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    private static ActiveImpersonation ToView(ImpersonationSession session, Customer customer) =>
        new(session.Id, customer.Id, customer.Name, session.Reason, session.StartedAt, session.ExpiresAt);
}

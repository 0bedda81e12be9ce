using DataTricks.Domain.Auditing;
using DataTricks.Domain.Infrastructure.Persistence;
using DataTricks.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace DataTricks.Domain.Users;

/// <summary>Wrong-password attempts at the caller's account between their previous portal sign-in and this one.</summary>
public sealed record FailedSignIns(int Count, DateTimeOffset Latest, string? LatestDetails);

/// <summary>
/// What the owner of an account is told when they sign in: someone tried their password meanwhile. The audit log
/// holds the attempts; the portal sessions say when the owner last signed in.
/// </summary>
public sealed class SignInHistory(DataTricksDbContext db, ITenantContext tenant)
{
    /// <summary>The failures before <paramref name="sessionId"/> began and after the caller's sign-in before it; null when there were none.</summary>
    public async Task<FailedSignIns?> FailuresBeforeAsync(Guid sessionId, CancellationToken cancellationToken = default)
    {
        if (tenant.UserId is not { } userId || tenant.ImpersonatorUserId is not null)
            return null;
        var started = await db.PortalSessions.Where(s => s.Id == sessionId && s.UserId == userId)
            .Select(s => (DateTimeOffset?)s.StartedAt).FirstOrDefaultAsync(cancellationToken);
        if (started is not { } until)
            return null;
        var since = await db.PortalSessions.Where(s => s.UserId == userId && s.StartedAt < until && s.Id != sessionId)
            .MaxAsync(s => (DateTimeOffset?)s.StartedAt, cancellationToken);
        var target = userId.ToString();
        var failures = db.AuditEvents.Where(e => e.Action == AuditActions.SignInFailed && e.TargetType == "user" && e.TargetId == target
            && e.OccurredAt < until && (since == null || e.OccurredAt >= since));
        var count = await failures.CountAsync(cancellationToken);
        if (count == 0)
            return null;
        var latest = await failures.OrderByDescending(e => e.OccurredAt).Select(e => new { e.OccurredAt, e.Details }).FirstAsync(cancellationToken);
        return new FailedSignIns(count, latest.OccurredAt, latest.Details);
    }
}

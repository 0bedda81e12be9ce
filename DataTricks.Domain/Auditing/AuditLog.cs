using DataTricks.Domain.Infrastructure.Persistence;
using DataTricks.Domain.Tenancy;

namespace DataTricks.Domain.Auditing;

/// <summary>
/// Adds an audit event for the current tenant, actor and impersonator to the unit of work, so the event is
/// saved by the same <c>SaveChanges</c> as the change it describes, or not at all.
/// </summary>
public sealed class AuditLog(DataTricksDbContext db, ITenantContext tenant, TimeProvider time)
{
    public void Record(string action, string? targetType, object? targetId, string? details = null)
    {
        var customerId = tenant.CustomerId
            ?? throw new InvalidOperationException($"Audit event '{action}' recorded outside any customer.");
        db.AuditEvents.Add(AuditEvent.Record(
            customerId, tenant.UserId, tenant.ImpersonatorUserId, action, targetType, targetId?.ToString(), details, time.GetUtcNow(), tenant.DirectoryName));
    }
}

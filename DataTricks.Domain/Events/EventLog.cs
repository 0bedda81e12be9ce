using DataTricks.Domain.Infrastructure.Persistence;
using DataTricks.Domain.Tenancy;

namespace DataTricks.Domain.Events;

/// <summary>
/// Adds an event to the unit of work, like the audit log: saved by the same <c>SaveChanges</c> as the change it
/// reports, or not at all. Environment changes need no call: saving an environment records its events.
/// </summary>
public sealed class EventLog(DataTricksDbContext db, ITenantContext tenant, TimeProvider time)
{
    /// <summary>An event of the current customer.</summary>
    public void Record<T>(string type, Guid subjectId, T data) where T : notnull =>
        Record(tenant.CustomerId ?? throw new InvalidOperationException($"Event '{type}' recorded outside any customer."), type, subjectId, data);

    public void Record<T>(Guid customerId, string type, Guid subjectId, T data) where T : notnull =>
        db.CustomerEvents.Add(CustomerEvent.Of(type, customerId, subjectId, data, time.GetUtcNow()));
}

using DataTricks.Domain.Infrastructure.Persistence;
using DataTricks.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DataTricks.Domain.Webhooks;

/// <summary>
/// Claims due deliveries for a node, endpoint by endpoint, with conditional UPDATEs the database serializes: of two
/// nodes racing for a delivery exactly one gets it, and one that dies holding it loses it when the lease runs out. A
/// delivery is due once the earlier deliveries of its subject to its endpoint are done, so events of one environment
/// arrive in order.
/// </summary>
public sealed class WebhookDeliveryLeases(TenantDbContextFactory contexts, IOptions<WebhookOptions> options, TimeProvider time)
{
    /// <summary>An attempt's time, and a margin to record its outcome: a lease outliving it means the node died.</summary>
    public TimeSpan LeaseDuration => options.Value.Timeout + TimeSpan.FromSeconds(15);

    /// <summary>
    /// The enabled endpoints that have deliveries due now and free, each apart, so a busy endpoint cannot hide another's.
    /// Asked of each endpoint (one index seek each), not of the deliveries, however many thousands wait.
    /// </summary>
    public Task<List<Guid>> DueEndpointsAsync(CancellationToken cancellationToken) =>
        contexts.InSystemScopeAsync(db =>
        {
            var now = time.GetUtcNow();
            var due = Due(db, now);
            return db.WebhookEndpoints.Where(w => w.Enabled && due.Any(d => d.EndpointId == w.Id)).Select(w => w.Id).ToListAsync(cancellationToken);
        });

    /// <summary>When the next retry is due, if one waits, to sleep until then; held deliveries whose node died are found by the sweep.</summary>
    public Task<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken) =>
        contexts.InSystemScopeAsync(db =>
        {
            var now = time.GetUtcNow();
            return db.WebhookDeliveries.Where(d => d.Status == WebhookDeliveryStatus.Pending && d.NextAttemptAt > now)
                .OrderBy(d => d.NextAttemptAt).Select(d => (DateTimeOffset?)d.NextAttemptAt).FirstOrDefaultAsync(cancellationToken);
        });

    /// <summary>Claims up to <paramref name="max"/> of the endpoint's due deliveries for <paramref name="owner"/>, oldest events first.</summary>
    public Task<List<Guid>> ClaimAsync(Guid endpointId, string owner, int max, CancellationToken cancellationToken) =>
        contexts.InSystemScopeAsync(async db =>
        {
            var now = time.GetUtcNow();
            var candidates = await Due(db, now).Where(d => d.EndpointId == endpointId)
                .Where(d => !db.WebhookDeliveries.Any(earlier => earlier.EndpointId == d.EndpointId && earlier.SubjectId == d.SubjectId
                    && earlier.Status == WebhookDeliveryStatus.Pending && earlier.EventSequence < d.EventSequence))
                .OrderBy(d => d.EventSequence).Select(d => d.Id).Take(max).ToListAsync(cancellationToken);
            if (candidates.Count == 0)
                return candidates;
            var expiresAt = now + LeaseDuration;
            await Free(db.WebhookDeliveries, now).Where(d => candidates.Contains(d.Id))
                .ExecuteUpdateAsync(set => set.SetProperty(d => d.LeaseOwner, owner).SetProperty(d => d.LeaseExpiresAt, expiresAt), cancellationToken);
            // Of the candidates, those now held by this owner are this claim's: they were free a moment ago.
            return await db.WebhookDeliveries.Where(d => candidates.Contains(d.Id) && d.LeaseOwner == owner).Select(d => d.Id).ToListAsync(cancellationToken);
        });

    /// <summary>Hands a claimed delivery back untried (a shutdown): it is due to anyone at once.</summary>
    public Task ReleaseAsync(Guid deliveryId, string owner, CancellationToken cancellationToken) =>
        contexts.InSystemScopeAsync(db => db.WebhookDeliveries.Where(d => d.Id == deliveryId && d.LeaseOwner == owner)
            .ExecuteUpdateAsync(set => set.SetProperty(d => d.LeaseOwner, (string?)null).SetProperty(d => d.LeaseExpiresAt, (DateTimeOffset?)null), cancellationToken));

    private static IQueryable<WebhookDelivery> Due(DataTricksDbContext db, DateTimeOffset now) =>
        Free(db.WebhookDeliveries, now).Where(d => d.NextAttemptAt <= now);

    private static IQueryable<WebhookDelivery> Free(IQueryable<WebhookDelivery> deliveries, DateTimeOffset now) =>
        deliveries.Where(d => d.Status == WebhookDeliveryStatus.Pending && (d.LeaseOwner == null || d.LeaseExpiresAt < now));
}

using DataTricks.Domain.Infrastructure.Persistence;
using DataTricks.Domain.Tenancy;
using DataTricks.Domain.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace DataTricks.Domain.Events;

/// <summary>
/// Hands committed events on, in the order they were written: gives each its place in the feed and makes a delivery
/// for every enabled endpoint of its customer that wants its type, in one transaction, so an event is delivered to
/// an endpoint once whatever node does it. Places are given only to committed events, one batch after the other, so
/// a feed reader past a place never misses an event placed later. Two nodes dispatching the same events at once:
/// one commits, the other finds them dispatched (a concurrency token, or the unique place) and does nothing.
/// </summary>
public sealed class EventSequencer(
    TenantDbContextFactory contexts, EventFeedSignal feed, DeliveryWakeup deliveries, WebhookActivity activity, TimeProvider time, ILogger<EventSequencer> logger)
{
    public const int Batch = 500;

    /// <summary>Dispatches up to <see cref="Batch"/> events; returns how many (0 when there were none, or another node had them).</summary>
    public async Task<int> DispatchAsync(CancellationToken cancellationToken)
    {
        var (db, _) = contexts.Create(TenantScope.System);
        await using var _ = db;
        var events = await db.CustomerEvents.Where(e => e.DispatchedAt == null).OrderBy(e => e.Sequence).Take(Batch).ToListAsync(cancellationToken);
        if (events.Count == 0)
            return 0;
        var now = time.GetUtcNow();
        var last = await db.CustomerEvents.MaxAsync(e => e.Position, cancellationToken) ?? 0;
        var customers = events.Select(e => e.CustomerId).Distinct().ToList();
        var endpoints = (await db.WebhookEndpoints.AsNoTracking().Where(w => customers.Contains(w.CustomerId) && w.Enabled).ToListAsync(cancellationToken))
            .ToLookup(w => w.CustomerId);
        var made = new List<WebhookDelivery>();
        foreach (var customerEvent in events)
        {
            customerEvent.Dispatch(customerEvent.TestEndpointId is null ? ++last : null, now);
            made.AddRange(endpoints[customerEvent.CustomerId]
                .Where(w => customerEvent.TestEndpointId is { } only ? w.Id == only : w.Wants(customerEvent.Type))
                .Select(w => WebhookDelivery.Of(customerEvent, w.Id, now)));
        }
        db.WebhookDeliveries.AddRange(made);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception)
        {
            // Another node dispatched some of them first: the next round starts from what it left.
            logger.LogInformation(exception, "Events were dispatched by another node at the same moment; looking again");
            return 0;
        }
        foreach (var customerId in customers)
            feed.Publish(customerId);
        foreach (var customerId in made.Select(d => d.CustomerId).Distinct())
            activity.Publish(customerId);
        if (made.Count > 0)
            deliveries.Wake();
        return events.Count;
    }
}

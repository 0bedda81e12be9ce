using DataTricks.Domain.Events;
using DataTricks.Domain.Tenancy;

namespace DataTricks.Portal.Api;

/// <summary>
/// Long polling of the event feed, like the operations endpoint: an empty page is answered as soon as an event arrives
/// or the wait is over. This node's sequencer signals at once; events another node placed are seen at the next
/// recheck, every second. No thread is held while waiting.
/// </summary>
public sealed class EventFeedWaiter(EventFeedService feed, EventFeedSignal signal, ITenantContext tenant, TimeProvider time)
{
    private static readonly TimeSpan Recheck = TimeSpan.FromSeconds(1);

    public async Task<EventFeedPage> WaitAsync(EventFeedQuery query, TimeSpan wait, CancellationToken cancellationToken)
    {
        var page = await feed.PageAsync(query, cancellationToken);
        if (page.Items.Count > 0 || wait <= TimeSpan.Zero || tenant.CustomerId is not { } customerId)
            return page;
        return await LongPoll.UntilAsync(
            () => feed.PageAsync(query, cancellationToken),
            found => found.Items.Count > 0,
            arrived => signal.Subscribe(customerId, () =>
            {
                arrived();
                return Task.CompletedTask;
            }),
            wait, Recheck, time, cancellationToken);
    }
}

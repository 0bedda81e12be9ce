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
        var arrived = new SemaphoreSlim(0);
        using var subscription = signal.Subscribe(customerId, () =>
        {
            arrived.Release();
            return Task.CompletedTask;
        });
        var deadline = time.GetUtcNow() + wait;
        while (true)
        {
            // Read after subscribing: an event placed between the first read and the subscription is not lost.
            page = await feed.PageAsync(query, cancellationToken);
            var remaining = deadline - time.GetUtcNow();
            if (page.Items.Count > 0 || remaining <= TimeSpan.Zero)
                return page;
            using var timeout = new CancellationTokenSource(remaining < Recheck ? remaining : Recheck, time);
            using var either = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
            try
            {
                await arrived.WaitAsync(either.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // The recheck interval or the wait ran out: read again.
            }
        }
    }
}

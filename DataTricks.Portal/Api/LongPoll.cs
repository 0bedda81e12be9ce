namespace DataTricks.Portal.Api;

/// <summary>
/// Waiting for something a request asked about (an operation done, an event in the feed), AIP-151 style: reads again
/// whenever a signal says it may have changed, and every <c>recheck</c> in case a change went by unseen (another
/// node's), until it is there or the wait is over. No thread is held while waiting.
/// </summary>
internal static class LongPoll
{
    /// <param name="subscribe">Subscribes a callback to the signal that something changed; disposing unsubscribes.</param>
    public static async Task<T> UntilAsync<T>(
        Func<Task<T>> read, Func<T, bool> done, Func<Action, IDisposable> subscribe, TimeSpan wait, TimeSpan recheck,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var changed = new SemaphoreSlim(0);
        using var subscription = subscribe(() => changed.Release());
        var deadline = time.GetUtcNow() + wait;
        while (true)
        {
            // Read after subscribing: a change between the caller's first read and the subscription is not lost.
            var current = await read();
            var remaining = deadline - time.GetUtcNow();
            if (done(current) || remaining <= TimeSpan.Zero)
                return current;
            using var timeout = new CancellationTokenSource(remaining < recheck ? remaining : recheck, time);
            using var either = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
            try
            {
                await changed.WaitAsync(either.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // The recheck interval or the wait ran out: read again.
            }
        }
    }
}

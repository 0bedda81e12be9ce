using System.Threading.Channels;

namespace DataTricks.Domain.Common;

/// <summary>
/// Wakes one background loop of this process when there is work for it now, so it does not wait for its next timer.
/// Losing a signal is harmless: the loop also wakes when its delay runs out. Each loop has its own kind.
/// </summary>
public abstract class Wakeup
{
    private readonly Channel<bool> _channel = Channel.CreateUnbounded<bool>(new UnboundedChannelOptions { SingleReader = true });

    public void Wake() => _channel.Writer.TryWrite(true);

    /// <summary>Waits for a signal or <paramref name="delay"/>, whichever comes first, then forgets the signals so far.</summary>
    public async Task WaitAsync(TimeSpan delay, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!_channel.Reader.TryPeek(out _))
        {
            // The clock of the loop, so tests move it instead of waiting. The source owns its timer: a timer of ours could
            // fire just as the wait ended and cancel a disposed source, an exception that ends the process.
            using var expiry = new CancellationTokenSource(delay, time);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, expiry.Token);
            try
            {
                await _channel.Reader.WaitToReadAsync(timeout.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // The delay ran out first.
            }
        }
        while (_channel.Reader.TryRead(out _))
        {
        }
    }
}

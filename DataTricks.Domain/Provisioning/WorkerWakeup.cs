using System.Threading.Channels;

namespace DataTricks.Domain.Provisioning;

/// <summary>
/// Wakes this process's worker when an operation becomes due now (a request stored one, a cancel, a collision), so it
/// does not wait for its next timer. Losing a signal is harmless: the worker also wakes at the next due time.
/// </summary>
public sealed class WorkerWakeup
{
    private readonly Channel<Guid> _channel = Channel.CreateUnbounded<Guid>(new UnboundedChannelOptions { SingleReader = true });

    public void Wake(Guid operationId) => _channel.Writer.TryWrite(operationId);

    /// <summary>Waits for a signal or <paramref name="delay"/>, whichever comes first, then forgets the signals so far.</summary>
    public async Task WaitAsync(TimeSpan delay, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!_channel.Reader.TryPeek(out _))
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            // The clock of the engine, so tests move it instead of waiting.
            using var timer = time.CreateTimer(_ => timeout.Cancel(), null, delay, Timeout.InfiniteTimeSpan);
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

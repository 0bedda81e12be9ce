using DataTricks.Domain.Events;
using DataTricks.Domain.Webhooks;
using Microsoft.Extensions.Options;

namespace DataTricks.Portal.Webhooks;

/// <summary>
/// Hands committed events on (<see cref="EventSequencer"/>): at once when a save of this node wrote some, and every
/// <see cref="Poll"/> for those of other nodes; drops events and deliveries past <see cref="CustomerEvent.Retention"/>
/// once an hour.
/// </summary>
public sealed class EventSequencerWorker(
    EventSequencer sequencer, EventRetention retention, EventWakeup wakeup, IOptions<WebhookOptions> options, TimeProvider time, ILogger<EventSequencerWorker> logger)
    : BackgroundService
{
    public static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan RetentionInterval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.DispatcherEnabled)
            return;
        var nextRetention = time.GetUtcNow();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await sequencer.DispatchAsync(stoppingToken) == EventSequencer.Batch)
                {
                }
                if (time.GetUtcNow() >= nextRetention)
                {
                    await retention.RemoveExpiredAsync(stoppingToken);
                    nextRetention = time.GetUtcNow() + RetentionInterval;
                }
                await wakeup.WaitAsync(Poll, time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception)
            {
                logger.LogError(exception, "Dispatching events failed; trying again");
                await wakeup.WaitAsync(Poll, time, stoppingToken);
            }
        }
    }
}

using System.Collections.Concurrent;
using DataTricks.Domain.Webhooks;
using Microsoft.Extensions.Options;

namespace DataTricks.Portal.Webhooks;

/// <summary>
/// Delivers webhooks from this node: finds the endpoints with due deliveries, claims for each as many as it has free
/// slots (<see cref="WebhookOptions.MaxConcurrencyPerEndpoint"/>), and posts each in its own task. A slow endpoint fills
/// only its own slots, so it never holds up another endpoint or another customer; a node that dies holding deliveries
/// loses their leases, and another node attempts them again.
/// </summary>
public sealed class WebhookDispatcher(
    WebhookDeliveryLeases leases, WebhookDeliveryRunner runner, IHttpClientFactory clients, DeliveryWakeup wakeup,
    IOptions<WebhookOptions> options, TimeProvider time, ILogger<WebhookDispatcher> logger) : BackgroundService
{
    private static readonly TimeSpan Sweep = TimeSpan.FromSeconds(1);

    private readonly string _owner = $"{Environment.MachineName[..Math.Min(Environment.MachineName.Length, 40)]}:{Environment.ProcessId}:{Guid.NewGuid():N}";
    private readonly ConcurrentDictionary<Guid, int> _inFlight = new();
    private readonly SemaphoreSlim _slots = new(options.Value.MaxConcurrentDeliveries);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.DispatcherEnabled)
            return;
        var sending = new HashSet<Task>();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var started = 0;
                foreach (var endpointId in await leases.DueEndpointsAsync(stoppingToken))
                {
                    var free = Math.Min(options.Value.MaxConcurrencyPerEndpoint - _inFlight.GetValueOrDefault(endpointId), _slots.CurrentCount);
                    if (free <= 0)
                        continue;
                    foreach (var deliveryId in await leases.ClaimAsync(endpointId, _owner, free, stoppingToken))
                    {
                        await _slots.WaitAsync(stoppingToken);
                        _inFlight.AddOrUpdate(endpointId, 1, (_, n) => n + 1);
                        var attempt = AttemptAsync(endpointId, deliveryId, stoppingToken);
                        lock (sending)
                            sending.Add(attempt);
                        _ = attempt.ContinueWith(done => { lock (sending) sending.Remove(done); }, TaskScheduler.Default);
                        started++;
                    }
                }
                if (started == 0)
                    await wakeup.WaitAsync(await SleepAsync(stoppingToken), time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception)
            {
                // A database hiccup: deliveries keep their rows and are claimed again on the next round.
                logger.LogError(exception, "Claiming due webhook deliveries failed");
                await wakeup.WaitAsync(Sweep, time, stoppingToken);
            }
        }
        Task[] remaining;
        lock (sending)
            remaining = [.. sending];
        await Task.WhenAll(remaining);
    }

    /// <summary>Until the next delivery is due, at most a second (another node may have made new ones).</summary>
    private async Task<TimeSpan> SleepAsync(CancellationToken stoppingToken)
    {
        if (await leases.NextDueAsync(stoppingToken) is not { } next)
            return Sweep;
        var until = next - time.GetUtcNow();
        return until <= TimeSpan.Zero ? TimeSpan.FromMilliseconds(50) : until < Sweep ? until : Sweep;
    }

    private async Task AttemptAsync(Guid endpointId, Guid deliveryId, CancellationToken stoppingToken)
    {
        try
        {
            if (await runner.LoadAsync(deliveryId, _owner, stoppingToken) is not { } message)
                return;
            var outcome = await new WebhookSender(clients.CreateClient(WebhookSender.HttpClientName), options, time).SendAsync(message, stoppingToken);
            await runner.RecordAsync(deliveryId, _owner, outcome, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: the delivery goes back to be attempted at once, by this node's successor or another.
            await leases.ReleaseAsync(deliveryId, _owner, CancellationToken.None);
        }
        catch (Exception exception)
        {
            // The lease runs out and the delivery is attempted again; its row keeps its history.
            logger.LogError(exception, "Delivery {DeliveryId} failed unexpectedly; it will be attempted again", deliveryId);
        }
        finally
        {
            _inFlight.AddOrUpdate(endpointId, 0, (_, n) => n - 1);
            _slots.Release();
            wakeup.Wake();
        }
    }
}

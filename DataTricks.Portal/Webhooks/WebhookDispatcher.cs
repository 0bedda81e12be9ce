using System.Collections.Concurrent;
using System.Threading.Channels;
using DataTricks.Domain.Webhooks;
using Microsoft.Extensions.Options;

namespace DataTricks.Portal.Webhooks;

/// <summary>
/// Delivers webhooks from this node: finds the endpoints with due deliveries, claims for each as many as it has free
/// slots (<see cref="WebhookOptions.MaxConcurrencyPerEndpoint"/>), and posts each in its own task. A slow endpoint fills
/// only its own slots, so it never holds up another endpoint or another customer. Outcomes are recorded in batches by a
/// loop of their own; until its outcome is recorded a delivery keeps its lease, so the next event of its subject waits.
/// A node that dies holding deliveries loses their leases, and another node attempts them again.
/// </summary>
public sealed class WebhookDispatcher(
    WebhookDeliveryLeases leases, WebhookDeliveryRunner runner, IHttpClientFactory clients, DeliveryWakeup wakeup,
    IOptions<WebhookOptions> options, TimeProvider time, ILogger<WebhookDispatcher> logger) : BackgroundService
{
    private const int RecordBatch = 200;
    private static readonly TimeSpan Sweep = TimeSpan.FromSeconds(1);

    private readonly string _owner = $"{Environment.MachineName[..Math.Min(Environment.MachineName.Length, 40)]}:{Environment.ProcessId}:{Guid.NewGuid():N}";
    private readonly ConcurrentDictionary<Guid, int> _inFlight = new();
    private readonly SemaphoreSlim _slots = new(options.Value.MaxConcurrentDeliveries);
    private readonly Channel<WebhookAttemptResult> _outcomes = Channel.CreateUnbounded<WebhookAttemptResult>(new UnboundedChannelOptions { SingleReader = true });

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.DispatcherEnabled)
            return;
        var recording = RecordAsync();
        var sending = new HashSet<Task>();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await ClaimAndSendAsync(sending, stoppingToken) == 0)
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
        _outcomes.Writer.Complete();
        await recording;
    }

    /// <summary>One round: claims what each due endpoint has room for and starts posting it; answers how many it started.</summary>
    private async Task<int> ClaimAndSendAsync(HashSet<Task> sending, CancellationToken stoppingToken)
    {
        var started = 0;
        foreach (var endpointId in await leases.DueEndpointsAsync(stoppingToken))
        {
            var free = Math.Min(options.Value.MaxConcurrencyPerEndpoint - _inFlight.GetValueOrDefault(endpointId), _slots.CurrentCount);
            if (free <= 0)
                continue;
            var claimed = await leases.ClaimAsync(endpointId, _owner, free, stoppingToken);
            foreach (var message in await runner.LoadAsync(claimed, _owner, stoppingToken))
            {
                await _slots.WaitAsync(stoppingToken);
                _inFlight.AddOrUpdate(endpointId, 1, (_, n) => n + 1);
                var attempt = SendAsync(message, stoppingToken);
                lock (sending)
                    sending.Add(attempt);
                _ = attempt.ContinueWith(done => { lock (sending) sending.Remove(done); }, TaskScheduler.Default);
                started++;
            }
        }
        return started;
    }

    /// <summary>Until the next delivery is due, at most a second (another node may have made new ones).</summary>
    private async Task<TimeSpan> SleepAsync(CancellationToken stoppingToken)
    {
        if (await leases.NextDueAsync(stoppingToken) is not { } next)
            return Sweep;
        var until = next - time.GetUtcNow();
        return until <= TimeSpan.Zero ? TimeSpan.FromMilliseconds(50) : until < Sweep ? until : Sweep;
    }

    private async Task SendAsync(WebhookMessage message, CancellationToken stoppingToken)
    {
        try
        {
            var outcome = await new WebhookSender(clients.CreateClient(WebhookSender.HttpClientName), options, time).SendAsync(message, stoppingToken);
            _outcomes.Writer.TryWrite(new WebhookAttemptResult(message.DeliveryId, outcome, time.GetUtcNow()));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: the delivery goes back to be attempted at once, by this node's successor or another.
            await leases.ReleaseAsync(message.DeliveryId, _owner, CancellationToken.None);
        }
        catch (Exception exception)
        {
            // The lease runs out and the delivery is attempted again; its row keeps its history.
            logger.LogError(exception, "{Message} failed unexpectedly; it will be attempted again", message);
        }
        finally
        {
            var left = _inFlight.AddOrUpdate(message.EndpointId, 0, (_, n) => n - 1);
            _slots.Release();
            // Claims come in batches: the loop looks again once half an endpoint's slots are free.
            if (left <= options.Value.MaxConcurrencyPerEndpoint / 2)
                wakeup.Wake();
        }
    }

    /// <summary>Records outcomes as they come, as many at once as are waiting, until the dispatcher stops and all are recorded.</summary>
    private async Task RecordAsync()
    {
        var batch = new List<WebhookAttemptResult>(RecordBatch);
        while (await _outcomes.Reader.WaitToReadAsync())
        {
            while (batch.Count < RecordBatch && _outcomes.Reader.TryRead(out var result))
                batch.Add(result);
            try
            {
                await runner.RecordAsync(batch, _owner, CancellationToken.None);
            }
            catch (Exception exception)
            {
                // Their leases run out and the deliveries are attempted again; their rows keep their history.
                logger.LogError(exception, "Recording {Count} webhook attempts failed; they will be attempted again", batch.Count);
            }
            batch.Clear();
            // Recorded deliveries free the next events of their subjects.
            wakeup.Wake();
        }
    }
}

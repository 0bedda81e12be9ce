using System.Collections.Concurrent;
using DataTricks.Domain.Provisioning;
using Microsoft.Extensions.Options;

namespace DataTricks.Portal.Hosting;

/// <summary>
/// Runs operations in the background: new ones as soon as a request queues them, and, at start-up and then
/// periodically, any that nobody holds (left by a crash, a restart or a stopped process). Operations run
/// concurrently up to a bound; each awaits the cloud without holding a thread.
/// </summary>
public sealed class ProvisioningWorker(
    OperationQueue queue, OperationLeases leases, LeaseKeeper keeper, IServiceScopeFactory scopes, IOptions<ProvisioningOptions> options,
    TimeProvider time, ILogger<ProvisioningWorker> logger) : BackgroundService
{
    private readonly string _workerId = NewWorkerId();
    private readonly ConcurrentDictionary<Guid, byte> _inFlight = new();
    private readonly SemaphoreSlim _slots = new(options.Value.MaxConcurrentOperations);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var sweeping = SweepAsync(stoppingToken);
        var renewing = keeper.RunAsync(stoppingToken);
        try
        {
            await foreach (var operationId in queue.Reader.ReadAllAsync(stoppingToken))
            {
                if (!_inFlight.TryAdd(operationId, 0))
                    continue;
                await _slots.WaitAsync(stoppingToken);
                _ = RunAsync(operationId, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: unfinished operations keep their rows and resume on the next start.
        }
        await Task.WhenAll(sweeping, renewing);
    }

    private async Task RunAsync(Guid operationId, CancellationToken stoppingToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<OperationRunner>().RunAsync(operationId, _workerId, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            logger.LogInformation("Operation {OperationId} paused by shutdown; it resumes on the next start", operationId);
        }
        catch (Exception exception)
        {
            // The lease runs out and the sweep tries again later; the row keeps the operation's progress.
            logger.LogError(exception, "Operation {OperationId} failed unexpectedly; it will be retried", operationId);
        }
        finally
        {
            _inFlight.TryRemove(operationId, out _);
            _slots.Release();
        }
    }

    private async Task SweepAsync(CancellationToken stoppingToken)
    {
        while (true)
        {
            try
            {
                foreach (var operationId in await leases.FindUnownedAsync(options.Value.MaxConcurrentOperations, stoppingToken))
                {
                    if (!_inFlight.ContainsKey(operationId))
                        queue.Enqueue(operationId);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                // A database hiccup: the next sweep tries again; nothing is lost meanwhile.
                logger.LogError(exception, "The sweep for unowned operations failed");
            }
            try
            {
                await Task.Delay(options.Value.SweepInterval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private static string NewWorkerId()
    {
        var machine = Environment.MachineName;
        return $"{machine[..Math.Min(machine.Length, 40)]}:{Environment.ProcessId}:{Guid.NewGuid():N}";
    }
}

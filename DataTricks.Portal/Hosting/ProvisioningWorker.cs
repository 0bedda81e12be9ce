using DataTricks.Domain.Provisioning;
using Microsoft.Extensions.Options;

namespace DataTricks.Portal.Hosting;

/// <summary>
/// Advances operations when they are due: claims a batch of due operations nobody holds (new ones, ones whose cloud work
/// should be done, retries whose pause is over, ones a crashed worker held), advances each in a short unit of work, and
/// sleeps until the next one is due or a request wakes it. Waiting operations cost this process nothing; the bound
/// <see cref="ProvisioningOptions.MaxConcurrentOperations"/> limits only advances in progress.
/// </summary>
public sealed class ProvisioningWorker(
    WorkerWakeup wakeup, OperationLeases leases, OperationRunner runner, IOptions<ProvisioningOptions> options,
    TimeProvider time, ILogger<ProvisioningWorker> logger) : BackgroundService
{
    private const int ClaimBatch = 256;

    private readonly string _workerId = NewWorkerId();
    private readonly SemaphoreSlim _slots = new(options.Value.MaxConcurrentOperations);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.WorkerEnabled)
            return;
        var advancing = new HashSet<Task>();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // A claim is only as big as this node can start now: operations it holds but cannot run would wait
                // on its lease while another node sits idle.
                await _slots.WaitAsync(stoppingToken);
                _slots.Release();
                var batch = Math.Min(ClaimBatch, _slots.CurrentCount);
                var claimed = await leases.ClaimDueAsync(_workerId, batch, stoppingToken);
                foreach (var operationId in claimed)
                {
                    await _slots.WaitAsync(stoppingToken);
                    var advance = AdvanceAsync(operationId, stoppingToken);
                    lock (advancing)
                        advancing.Add(advance);
                    _ = advance.ContinueWith(done => { lock (advancing) advancing.Remove(done); }, TaskScheduler.Default);
                }
                if (claimed.Count < batch)
                    await wakeup.WaitAsync(await SleepAsync(stoppingToken), time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception)
            {
                // A database hiccup: operations keep their rows and are claimed again on the next round.
                logger.LogError(exception, "Claiming due operations failed");
                await wakeup.WaitAsync(options.Value.SweepInterval, time, stoppingToken);
            }
        }
        Task[] remaining;
        lock (advancing)
            remaining = [.. advancing];
        await Task.WhenAll(remaining);
    }

    /// <summary>Until the next operation is due, at most a sweep interval (another node may add work).</summary>
    private async Task<TimeSpan> SleepAsync(CancellationToken stoppingToken)
    {
        var sweep = options.Value.SweepInterval;
        if (await leases.NextDueAsync(stoppingToken) is not { } next)
            return sweep;
        var until = next - time.GetUtcNow();
        return until <= TimeSpan.Zero ? TimeSpan.Zero : until < sweep ? until : sweep;
    }

    private async Task AdvanceAsync(Guid operationId, CancellationToken stoppingToken)
    {
        try
        {
            await runner.AdvanceAsync(operationId, _workerId, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            logger.LogInformation("Operation {OperationId} paused by shutdown; it resumes on the next start", operationId);
        }
        catch (Exception exception)
        {
            // The claim runs out and the operation is advanced again later; its row keeps its progress.
            logger.LogError(exception, "Operation {OperationId} failed unexpectedly; it will be advanced again", operationId);
        }
        finally
        {
            _slots.Release();
            // It may be due again at once (a collision, a cloud that answers immediately): look for due work now.
            wakeup.Wake();
        }
    }

    private static string NewWorkerId()
    {
        var machine = Environment.MachineName;
        return $"{machine[..Math.Min(machine.Length, 40)]}:{Environment.ProcessId}:{Guid.NewGuid():N}";
    }
}

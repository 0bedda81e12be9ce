using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DataTricks.Domain.Provisioning;

/// <summary>
/// Renews the leases of every operation this process runs, a third of a lease apart, with one statement per tick
/// rather than one per operation, so thousands in flight cost the database a couple of queries. Tells a run when
/// its lease went to another worker, or when a cancel was stored by another process.
/// </summary>
public sealed class LeaseKeeper(OperationLeases leases, IOptions<ProvisioningOptions> options, TimeProvider time, ILogger<LeaseKeeper> logger)
{
    private readonly ConcurrentDictionary<Guid, Tracked> _tracked = new();

    private sealed record Tracked(string Owner, bool IsCreate, CancellationTokenSource UserCancel, CancellationTokenSource LeaseLost);

    public IDisposable Track(Guid operationId, string owner, bool isCreate, CancellationTokenSource userCancel, CancellationTokenSource leaseLost)
    {
        _tracked[operationId] = new Tracked(owner, isCreate, userCancel, leaseLost);
        return new Untrack(this, operationId);
    }

    /// <summary>The renewal loop; runs for the life of the worker.</summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        while (true)
        {
            try
            {
                await Task.Delay(options.Value.LeaseDuration / 3, time, stoppingToken);
                await RenewAllAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                // One failed round is survivable: leases last three rounds.
                logger.LogError(exception, "Renewing operation leases failed");
            }
        }
    }

    public async Task RenewAllAsync(CancellationToken cancellationToken)
    {
        foreach (var group in _tracked.ToArray().GroupBy(t => t.Value.Owner))
        {
            var ids = group.Select(t => t.Key).ToList();
            var (owned, cancelRequested) = await leases.RenewAsync(group.Key, ids, cancellationToken);
            foreach (var (id, tracked) in group)
            {
                if (!owned.Contains(id))
                    await CancelQuietlyAsync(tracked.LeaseLost);
                else if (tracked.IsCreate && cancelRequested.Contains(id))
                    await CancelQuietlyAsync(tracked.UserCancel);
            }
        }
    }

    private static async Task CancelQuietlyAsync(CancellationTokenSource source)
    {
        try
        {
            await source.CancelAsync();
        }
        catch (ObjectDisposedException)
        {
            // The run ended between the renewal and this signal: nothing is left to stop.
        }
    }

    private sealed class Untrack(LeaseKeeper keeper, Guid operationId) : IDisposable
    {
        public void Dispose() => keeper._tracked.TryRemove(operationId, out _);
    }
}

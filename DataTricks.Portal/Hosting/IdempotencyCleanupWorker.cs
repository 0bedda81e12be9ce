using DataTricks.Domain.ComputeEnvironments;
using DataTricks.Domain.Idempotency;

namespace DataTricks.Portal.Hosting;

/// <summary>Removes expired Idempotency-Keys every hour; a key reused after expiry is treated as new either way.</summary>
public sealed class IdempotencyCleanupWorker(IdempotencyRecords records, IdempotentRequests requests, TimeProvider time, ILogger<IdempotencyCleanupWorker> logger)
    : PeriodicWorker(time, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromHours(1);

    protected override bool RunAtStart => true;

    protected override async Task RunOnceAsync(CancellationToken stoppingToken)
    {
        await records.RemoveExpiredAsync(stoppingToken);
        await requests.RemoveExpiredAsync(stoppingToken);
    }
}

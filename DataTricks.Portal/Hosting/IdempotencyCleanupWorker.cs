using DataTricks.Domain.ComputeEnvironments;

namespace DataTricks.Portal.Hosting;

/// <summary>Removes expired Idempotency-Keys every hour; a key reused after expiry is treated as new either way.</summary>
public sealed class IdempotencyCleanupWorker(IdempotencyRecords records, TimeProvider time, ILogger<IdempotencyCleanupWorker> logger)
    : PeriodicWorker(time, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromHours(1);

    protected override bool RunAtStart => true;

    protected override Task RunOnceAsync(CancellationToken stoppingToken) => records.RemoveExpiredAsync(stoppingToken);
}

using DataTricks.Domain.Provisioning;
using Microsoft.Extensions.Options;

namespace DataTricks.Portal.Hosting;

/// <summary>Runs the drift check every <see cref="ProvisioningOptions.ReconcileInterval"/>.</summary>
public sealed class ReconcileWorker(EnvironmentReconciler reconciler, IOptions<ProvisioningOptions> options, TimeProvider time, ILogger<ReconcileWorker> logger)
    : PeriodicWorker(time, logger)
{
    protected override TimeSpan Interval => options.Value.ReconcileInterval;

    protected override async Task RunOnceAsync(CancellationToken stoppingToken)
    {
        var degraded = await reconciler.ReconcileAsync(stoppingToken);
        if (degraded > 0)
            logger.LogWarning("The reconcile found {Count} environments with missing cloud resources", degraded);
    }
}

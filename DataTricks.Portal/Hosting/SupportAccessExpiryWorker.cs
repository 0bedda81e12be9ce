using DataTricks.Domain.Impersonation;
using DataTricks.Domain.SupportAccess;
using DataTricks.Domain.Tenancy;

namespace DataTricks.Portal.Hosting;

/// <summary>
/// Records, once a minute, the support access grants and impersonations whose time ran out, so each expiry is in its
/// customer's audit log and event feed. Access itself ends at the expiry without waiting for this: every request checks
/// the grant's and the session's time.
/// </summary>
public sealed class SupportAccessExpiryWorker(IServiceScopeFactory scopes, TimeProvider time, ILogger<SupportAccessExpiryWorker> logger)
    : PeriodicWorker(time, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromMinutes(1);

    protected override bool RunAtStart => true;

    protected override async Task RunOnceAsync(CancellationToken stoppingToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(TenantScope.System);
        await scope.ServiceProvider.GetRequiredService<SupportAccessService>().RecordExpiriesAsync(stoppingToken);
        await scope.ServiceProvider.GetRequiredService<ImpersonationService>().RecordExpiriesAsync(stoppingToken);
    }
}

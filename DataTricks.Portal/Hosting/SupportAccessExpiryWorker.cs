using DataTricks.Domain.SupportAccess;
using DataTricks.Domain.Tenancy;

namespace DataTricks.Portal.Hosting;

/// <summary>
/// Records, once a minute, the support access grants whose time ran out, so each expiry is in its customer's audit log.
/// Access itself ends at the expiry without waiting for this: every request checks the grant's time.
/// </summary>
public sealed class SupportAccessExpiryWorker(IServiceScopeFactory scopes, TimeProvider time, ILogger<SupportAccessExpiryWorker> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                scope.ServiceProvider.GetRequiredService<TenantContext>().Set(TenantScope.System);
                await scope.ServiceProvider.GetRequiredService<SupportAccessService>().RecordExpiriesAsync(stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(exception, "Recording expired support access grants failed; trying again in {Interval}", Interval);
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}

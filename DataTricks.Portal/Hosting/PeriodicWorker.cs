namespace DataTricks.Portal.Hosting;

/// <summary>A background job that runs once every <see cref="Interval"/>; a failed round is logged and the next one runs.</summary>
public abstract class PeriodicWorker(TimeProvider time, ILogger logger) : BackgroundService
{
    protected abstract TimeSpan Interval { get; }

    /// <summary>Whether to run once at start-up, before the first interval has passed.</summary>
    protected virtual bool RunAtStart => false;

    protected abstract Task RunOnceAsync(CancellationToken stoppingToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        if (RunAtStart)
            await RunGuardedAsync(stoppingToken);
        while (await TickAsync(timer, stoppingToken))
            await RunGuardedAsync(stoppingToken);
    }

    private async Task RunGuardedAsync(CancellationToken stoppingToken)
    {
        try
        {
            await RunOnceAsync(stoppingToken);
        }
        catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
        {
            logger.LogError(exception, "{Job} failed; it runs again in {Interval}", GetType().Name, Interval);
        }
    }

    private static async Task<bool> TickAsync(PeriodicTimer timer, CancellationToken stoppingToken)
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
